package dev.trtpipe.eval;

import java.util.ArrayList;
import java.util.List;

/** Builds small ground-truth sets and detection lists for the hand-computed cases. */
final class CocoCases {

    final List<ImageInfo> images = new ArrayList<>();
    final List<Category> categories = new ArrayList<>();
    final List<Annotation> annotations = new ArrayList<>();
    final List<ScoredBox> detections = new ArrayList<>();

    CocoCases image(long id) {
        images.add(new ImageInfo(id, id + ".png", 640, 480));
        return this;
    }

    CocoCases category(int id) {
        categories.add(new Category(id, "class" + id));
        return this;
    }

    CocoCases gt(long image, int category, double x, double y, double w, double h) {
        return box(image, category, x, y, w, h, false);
    }

    CocoCases crowd(long image, int category, double x, double y, double w, double h) {
        return box(image, category, x, y, w, h, true);
    }

    private CocoCases box(long image, int category, double x, double y, double w, double h, boolean crowd) {
        annotations.add(new Annotation(annotations.size() + 1, image, category, x, y, w, h, w * h, crowd, false));
        return this;
    }

    CocoCases dt(long image, int category, double x, double y, double w, double h, double score) {
        detections.add(new ScoredBox(image, category, x, y, w, h, score));
        return this;
    }

    Dataset dataset() {
        return new Dataset("test", images, categories, annotations);
    }

    /** Both implementations must agree to the bit; the fast one's stats are returned. */
    double[] stats() {
        double[] fast = CocoEvaluator.evaluate(dataset(), detections).stats();
        double[] ported = PortedCocoEval.evaluate(dataset(), detections).stats();
        org.assertj.core.api.Assertions.assertThat(fast).containsExactly(ported);
        return fast;
    }
}
