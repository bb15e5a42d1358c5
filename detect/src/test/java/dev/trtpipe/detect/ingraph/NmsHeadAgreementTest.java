package dev.trtpipe.detect.ingraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.NmsResults;
import dev.trtpipe.detect.postprocess.PostprocessSettings;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.testing.ConvertedModels;
import dev.trtpipe.detect.testing.DetectionMatching;
import dev.trtpipe.detect.testing.DetectionsTsv;
import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.onnx.ConversionOptions;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code darknet2onnx --head nms}: ONNX {@code NonMaxSuppression} in the graph against the Java
 * {@code default} NMS ({@code do_nms_sort}) on the raw heads of the same model and input.
 *
 * <p>Per class, greedy by falling score, "drop iff IoU with a kept box &gt; threshold" — darknet's loop
 * zeroing a class score is the same rule, and a box zeroed for one class still competes for the others
 * in both. So with room for every detection the results are the same rows; what can differ is the
 * IoU's float rounding (pixel corners in the graph, relative centre/size in darknet) for a pair at the
 * threshold to within an ulp, which none of these fixtures hits. Measured: identical classes and pixel
 * boxes, probabilities within 1.2e-7, on every fixture below (up to 1002 detections).
 */
class NmsHeadAgreementTest {

    private static final int DOG_W = 768;
    private static final int DOG_H = 576;
    private static final double ULPS = 1e-6;

    @ParameterizedTest(name = "{0} on {1}, letterbox={2}")
    @CsvSource({
            "trained,          trained/alexeyab/yolo-fastest-1.1_dog_resize, false",
            "trained,          trained/pjreddie/yolo-fastest-1.1_dog_letterbox, true",
            "yolov3-tiny,      mini/yolov3-tiny/alexeyab, true",
            "yolo-fastest-1.1, mini/yolo-fastest-1.1/alexeyab, false",
            "yolov3,           mini/yolov3/alexeyab, false",
            "yolov4,           mini/yolov4/alexeyab, true",
            "yolov4-csp,       mini/yolov4-csp/alexeyab, true",
            "yolov2-tiny,      mini/yolov2-tiny/alexeyab, false",
    })
    void inGraphNmsEqualsJavaDefaultNms(String fixture, String inputDir, boolean letterbox) {
        ConvertedModels model = model(fixture);
        DetectionSpec spec = model.spec();
        float[] input = SharedRefs.floats(SharedRefs.resolve("ref/" + inputDir + "/input.bin"));
        ImagePlacement placement = ImagePlacement.of(DOG_W, DOG_H, spec.inputWidth(), spec.inputHeight(), letterbox);
        PostprocessSettings plainIou = PostprocessSettings.defaultsFor(spec).withNmsKind(NmsKind.DEFAULT);

        List<Detection> java = DecodeHeadAgreementTest.javaOnRawHeads(model, input, plainIou, placement);
        List<Detection> inGraph = nmsInGraph(model, input, roomForAll(), placement);

        assertThat(java).as("a fixture that detects nothing proves nothing").isNotEmpty();
        DetectionMatching.assertSame(inGraph, java, ULPS);
        assertThat(inGraph).allSatisfy(d -> assertThat(d.objectness()).isNaN());
    }

    @Test
    void maxDetectionsKeepsTheBestOverAllClasses() {
        ConvertedModels model = ConvertedModels.mini("yolov4");
        DetectionSpec spec = model.spec();
        float[] input = SharedRefs.floats(SharedRefs.resolve("ref/mini/yolov4/alexeyab/input.bin"));
        ImagePlacement placement = ImagePlacement.of(DOG_W, DOG_H, spec.inputWidth(), spec.inputHeight(), false);
        List<Detection> java = DecodeHeadAgreementTest.javaOnRawHeads(model, input,
                PostprocessSettings.defaultsFor(spec).withNmsKind(NmsKind.DEFAULT), placement);
        assertThat(java).hasSizeGreaterThan(100);

        List<Detection> top = nmsInGraph(model, input, new HeadMode.Nms(HeadMode.NmsOp.ONNX, 0.25f, 0.45f, 100), placement);

        List<Detection> best = java.stream().sorted(Comparator.comparingDouble(Detection::probability).reversed()).limit(100).toList();
        assertThat(top).hasSize(100);
        DetectionMatching.assertSame(top, best, ULPS);
    }

    @Test
    void plainIouDropsTheCarThatDarknetsGreedyNmsKeeps() {
        // Yolo-Fastest asks for greedynms (DIoU); the graph's NMS is plain IoU: darknet's 8 rows less one car
        String dir = "trained/alexeyab/yolo-fastest-1.1_dog_resize";
        ConvertedModels model = ConvertedModels.yoloFastest();
        DetectionSpec spec = model.spec();
        assertThat(spec.nmsKind()).isEqualTo(NmsKind.GREEDYNMS);
        float[] input = SharedRefs.floats(SharedRefs.resolve("ref/" + dir + "/input.bin"));
        List<DetectionsTsv.Row> darknet = DetectionsTsv.read(SharedRefs.resolve("ref/" + dir + "/detections.tsv"));

        List<Detection> inGraph = nmsInGraph(model, input, roomForAll(),
                ImagePlacement.of(DOG_W, DOG_H, spec.inputWidth(), spec.inputHeight(), false));

        assertThat(inGraph).hasSize(darknet.size() - 1);
        List<DetectionsTsv.Row> missing = darknet.stream().filter(r -> inGraph.stream().noneMatch(d ->
                d.classId() == r.classId() && d.pixels().left() == r.left() && d.pixels().top() == r.top()
                        && d.pixels().right() == r.right() && d.pixels().bottom() == r.bottom())).toList();
        assertThat(missing).singleElement().satisfies(r -> assertThat(r.className()).isEqualTo("car"));
    }

    @Test
    void dynamicBatchSuppressesEveryItemAlike() {
        ConvertedModels model = ConvertedModels.mini("yolov3-tiny");
        float[] input = SharedRefs.floats(SharedRefs.resolve("ref/mini/yolov3-tiny/alexeyab/input.bin"));
        byte[] onnx = model.onnx(roomForAll(), ConversionOptions.defaults().withDynamicBatch(true).withOpset(11));

        Map<String, float[]> one = model.run(onnx, input, 1);
        Map<String, float[]> two = model.run(onnx, input, 2);

        for (String name : List.of(HeadMode.Nms.NUM_DETS, HeadMode.Nms.DET_BOXES, HeadMode.Nms.DET_SCORES, HeadMode.Nms.DET_CLASSES)) {
            float[] single = one.get(name);
            float[] pair = two.get(name);
            assertThat(Arrays.copyOfRange(pair, 0, single.length)).as(name).containsExactly(single);
            assertThat(Arrays.copyOfRange(pair, single.length, pair.length)).as(name).containsExactly(single);
        }
        assertThat(one.get(HeadMode.Nms.NUM_DETS)[0]).isPositive();
    }

    @Test
    void rowsPastTheCountAreZero() {
        ConvertedModels model = ConvertedModels.yoloFastest();
        float[] input = SharedRefs.floats(SharedRefs.resolve("ref/trained/alexeyab/yolo-fastest-1.1_dog_resize/input.bin"));
        Map<String, float[]> out = model.run(model.onnx(new HeadMode.Nms(HeadMode.NmsOp.ONNX, 0.25f, 0.45f, 100)), input);

        int count = (int) out.get(HeadMode.Nms.NUM_DETS)[0];
        assertThat(count).isEqualTo(7);
        assertThat(Arrays.copyOfRange(out.get(HeadMode.Nms.DET_SCORES), count, 100)).containsOnly(0f);
        assertThat(Arrays.copyOfRange(out.get(HeadMode.Nms.DET_CLASSES), count, 100)).containsOnly(0f);
        assertThat(Arrays.copyOfRange(out.get(HeadMode.Nms.DET_BOXES), 4 * count, 400)).containsOnly(0f);
        float[] scores = Arrays.copyOf(out.get(HeadMode.Nms.DET_SCORES), count);
        for (int i = 1; i < count; i++) {
            assertThat(scores[i]).as("sorted by falling score").isLessThanOrEqualTo(scores[i - 1]);
        }
    }

    @Test
    void onnxRuntimeRefusesTheEfficientNmsPluginWithAMessage() {
        ConvertedModels model = ConvertedModels.mini("yolov3-tiny");
        byte[] onnx = model.onnx(new HeadMode.Nms(HeadMode.NmsOp.EFFICIENT_NMS_TRT, 0.25f, 0.45f, 100));

        assertThatThrownBy(() -> OnnxRuntimeBackend.fromBytes(onnx, "plugin.onnx", 1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("plugin.onnx")
                .hasMessageContaining("EfficientNMS_TRT")
                .hasMessageContaining("only TensorRT runs it; re-export with the in-graph NMS onnx (or the head mode decode) to run it here");
    }

    private static HeadMode.Nms roomForAll() {
        return new HeadMode.Nms(HeadMode.NmsOp.ONNX, 0.25f, 0.45f, 100_000);
    }

    private static ConvertedModels model(String fixture) {
        return fixture.equals("trained") ? ConvertedModels.yoloFastest() : ConvertedModels.mini(fixture);
    }

    static List<Detection> nmsInGraph(ConvertedModels model, float[] input, HeadMode.Nms nms, ImagePlacement placement) {
        DetectionSpec spec = model.spec();
        Map<String, float[]> out = model.run(model.onnx(nms), input);
        return new NmsResults(spec.inputWidth(), spec.inputHeight(), spec.classes(), nms.scoreThreshold())
                .read(out.get(HeadMode.Nms.NUM_DETS), out.get(HeadMode.Nms.DET_BOXES), out.get(HeadMode.Nms.DET_SCORES),
                        out.get(HeadMode.Nms.DET_CLASSES), 0, placement);
    }
}
