package dev.trtpipe.tools.bench;

import dev.trtpipe.eval.Annotation;
import dev.trtpipe.eval.Category;
import dev.trtpipe.eval.Dataset;
import dev.trtpipe.eval.ImageInfo;
import dev.trtpipe.eval.ScoredBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated dataset and detection list of COCO's scale, for timing the scorer: boxes of all three area
 * ranges, a few crowd regions, detections that jitter around the ground truth (hits and near misses) plus
 * background false positives, scores rounded to 3 decimals so that ties occur as they do in real results.
 */
public record SyntheticSet(Dataset dataset, List<ScoredBox> detections) {

    public static SyntheticSet generate(int images, int detectionsPerImage, int classes, long seed) {
        Random random = new Random(seed);
        List<ImageInfo> infos = new ArrayList<>(images);
        List<Category> categories = new ArrayList<>(classes);
        for (int k = 0; k < classes; k++) {
            categories.add(new Category(k + 1, "class" + (k + 1)));
        }
        List<Annotation> annotations = new ArrayList<>();
        List<ScoredBox> detections = new ArrayList<>(images * detectionsPerImage);
        for (int i = 0; i < images; i++) {
            long id = 1 + i;
            infos.add(new ImageInfo(id, id + ".jpg", 640, 480));
            int objects = 1 + random.nextInt(13);
            int emitted = 0;
            for (int o = 0; o < objects; o++) {
                double size = Math.exp(Math.log(8) + random.nextDouble() * Math.log(300.0 / 8)); // small to large
                double w = size * (0.6 + 0.8 * random.nextDouble());
                double h = size * (0.6 + 0.8 * random.nextDouble());
                double x = random.nextDouble() * (640 - w);
                double y = random.nextDouble() * (480 - h);
                int category = 1 + random.nextInt(classes);
                boolean crowd = random.nextInt(50) == 0;
                annotations.add(new Annotation(annotations.size() + 1, id, category, x, y, w, h, w * h * 0.8, crowd, false));
                for (int d = random.nextInt(4); d > 0 && emitted < detectionsPerImage; d--, emitted++) {
                    double jitter = 0.15 * size;
                    detections.add(new ScoredBox(id, category, x + random.nextGaussian() * jitter, y + random.nextGaussian() * jitter,
                            w * (0.7 + 0.6 * random.nextDouble()), h * (0.7 + 0.6 * random.nextDouble()), score(random)));
                }
            }
            for (; emitted < detectionsPerImage; emitted++) {
                double w = 4 + random.nextDouble() * 250;
                double h = 4 + random.nextDouble() * 250;
                detections.add(new ScoredBox(id, 1 + random.nextInt(classes), random.nextDouble() * (640 - w),
                        random.nextDouble() * (480 - h), w, h, score(random) * 0.5));
            }
        }
        return new SyntheticSet(new Dataset("synthetic", infos, categories, annotations), detections);
    }

    private static double score(Random random) {
        return Math.round(random.nextDouble() * 1000) / 1000.0;
    }
}
