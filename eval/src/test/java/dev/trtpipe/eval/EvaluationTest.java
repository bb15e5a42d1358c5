package dev.trtpipe.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static final Dataset SET = new Dataset("set", List.of(new ImageInfo(7, "a.jpg", 200, 100)),
            List.of(new Category(3, "car"), new Category(9, "dog")),
            List.of(new Annotation(1, 7, 3, 100, 25, 100, 50, 5000, false, false)));

    @Test
    void modelBoxesBecomeClippedPixelBoxesOfTheMappedCategory() {
        Evaluation e = new Evaluation(SET, new LabelSpace(List.of("car", "cat"), new int[]{3, -1}), 0);
        // centre (150, 50), size 120 × 50 → x 90..210, clipped to 90..200 as darknet's print_cocos does
        e.addModelDetections(7, List.of(new ClassBox(0, 0.9f, 0.75f, 0.5f, 0.6f, 0.5f), new ClassBox(1, 0.8f, 0.5f, 0.5f, 0.2f, 0.2f)));
        assertThat(e.cocoDetections()).singleElement().satisfies(b -> {
            assertThat(b.categoryId()).isEqualTo(3);
            assertThat(new double[]{b.x(), b.y(), b.w(), b.h()}).containsExactly(new double[]{90, 25, 110, 50}, within(1e-4));
        });
    }

    @Test
    void darknetsMapDividesByTheModelsClassesWhileCocoSeesOnlyTheDatasets() {
        Evaluation e = new Evaluation(SET, new LabelSpace(List.of("car", "cat", "bird", "cow"), new int[]{3, -1, -1, -1}), 101);
        e.addModelDetections(7, List.of(new ClassBox(0, 0.9f, 0.75f, 0.5f, 0.5f, 0.5f)));
        EvalReport r = e.finish();
        assertThat(r.map50()).isCloseTo(0.25, within(1e-12));       // 1 of 4 model classes has AP 1
        assertThat(r.coco()[1]).isCloseTo(1, within(1e-12));         // dog has no boxes: -1, left out of the mean
        assertThat(r.perClass()).extracting(EvalReport.ClassScore::name).containsExactly("car", "dog");
        assertThat(r.perClass().get(1).ap()).isNaN();
        assertThat(r.perClass().get(1).darknetAp()).isNaN();
    }
}
