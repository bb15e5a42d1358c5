package dev.trtpipe.detect.ingraph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.postprocess.Candidates;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.PostprocessSettings;
import dev.trtpipe.detect.postprocess.Postprocessor;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.testing.ConvertedModels;
import dev.trtpipe.detect.testing.DetectionMatching;
import dev.trtpipe.detect.testing.DetectionsTsv;
import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.onnx.ConversionOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code darknet2onnx --head decode}: the model's own boxes/objectness/scores, through darknet's threshold
 * rule ({@link Candidates#fromDense}) and the Java NMS, give the detections the Java postprocessor gives
 * on the raw heads of the same model and input — and darknet's {@code detections.tsv} where one exists.
 *
 * <p>Measured: the same rows and pixel boxes everywhere; probabilities differ by at most 1.2e-7 (ONNX
 * Runtime's float {@code Sigmoid}/{@code Exp} against Java's double ones), and not at all for
 * {@code new_coords} heads, whose decoding has no transcendental function (bit-identical, asserted).
 */
class DecodeHeadAgreementTest {

    private static final int DOG_W = 768;
    private static final int DOG_H = 576;
    /** A few float ulps of a probability ≤ 1; darknet.md §8 decodes in float, Java's logistic in double. */
    private static final double ULPS = 1e-6;

    @ParameterizedTest(name = "{0} on {1}, letterbox={2}")
    @CsvSource({
            "trained,          trained/alexeyab/yolo-fastest-1.1_dog_resize, false",
            "trained,          trained/pjreddie/yolo-fastest-1.1_dog_letterbox, true",
            "yolov3-tiny,      mini/yolov3-tiny/alexeyab, true",
            "yolo-fastest-1.1, mini/yolo-fastest-1.1/alexeyab, false",
            "yolov3,           mini/yolov3/alexeyab, false",
            "yolov4-tiny,      mini/yolov4-tiny/alexeyab, false",
            "yolov4,           mini/yolov4/alexeyab, true",
            "yolov4-csp,       mini/yolov4-csp/alexeyab, true",
            "yolov7-tiny,      mini/yolov7-tiny/alexeyab, false",
            "yolov2-tiny,      mini/yolov2-tiny/alexeyab, false",
    })
    void decodedCandidatesGiveTheJavaPostprocessorsDetections(String fixture, String inputDir, boolean letterbox) {
        ConvertedModels model = fixture.equals("trained") ? ConvertedModels.yoloFastest() : ConvertedModels.mini(fixture);
        DetectionSpec spec = model.spec();
        float[] input = SharedRefs.floats(SharedRefs.resolve("ref/" + inputDir + "/input.bin"));
        ImagePlacement placement = ImagePlacement.of(DOG_W, DOG_H, spec.inputWidth(), spec.inputHeight(), letterbox);
        PostprocessSettings settings = PostprocessSettings.defaultsFor(spec);

        List<Detection> fromRaw = javaOnRawHeads(model, input, settings, placement);
        List<Detection> fromDecoded = decodedInGraph(model, input, settings, placement);

        assertThat(fromRaw).as("a fixture that detects nothing proves nothing").isNotEmpty();
        if (spec.heads().get(0).newCoords()) {
            assertThat(fromDecoded).isEqualTo(fromRaw);
        } else {
            DetectionMatching.assertSame(fromDecoded, fromRaw, ULPS);
        }
    }

    @ParameterizedTest(name = "{0} ({2})")
    @CsvSource({
            "trained/alexeyab/yolo-fastest-1.1_dog_resize,            false, GREEDYNMS, 1e-5, 0",
            "preprocess/yolov3-tiny-mini_160x128_dogpng_letterbox,    true,  DEFAULT,   1e-5, 0",
            "preprocess/yolov3-tiny-mini_160x128_dogpng_resize,       false, DEFAULT,   1e-5, 0",
            // pjreddie's batch norm adds its epsilon differently (references.md §7): heads within 5e-3
            "trained/pjreddie/yolo-fastest-1.1_dog_letterbox,         true,  DEFAULT,   2e-3, 1",
            "trained/pjreddie/yolo-fastest-1.1_dog_resize,            false, DEFAULT,   2e-3, 1",
    })
    void decodedCandidatesReproduceDarknetsDetections(String dir, boolean letterbox, NmsKind nms, double prob, int pixels) {
        ConvertedModels model = dir.contains("yolov3-tiny") ? ConvertedModels.mini("yolov3-tiny") : ConvertedModels.yoloFastest();
        DetectionSpec spec = model.spec();
        float[] input = SharedRefs.floats(SharedRefs.resolve("ref/" + dir + "/input.bin"));
        ImagePlacement placement = ImagePlacement.of(DOG_W, DOG_H, spec.inputWidth(), spec.inputHeight(), letterbox);

        List<Detection> detections = decodedInGraph(model, input, PostprocessSettings.defaultsFor(spec).withNmsKind(nms), placement);

        DetectionMatching.assertSameAsRows(detections, DetectionsTsv.read(SharedRefs.resolve("ref/" + dir + "/detections.tsv")),
                prob, pixels);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"yolov3-tiny", "yolov4-csp", "yolov2-tiny"})
    void dynamicBatchDecodesEveryItemAlike(String fixture) {
        ConvertedModels model = ConvertedModels.mini(fixture);
        float[] input = SharedRefs.floats(SharedRefs.resolve("ref/mini/" + fixture + "/alexeyab/input.bin"));
        byte[] onnx = model.onnx(HeadMode.decode(), ConversionOptions.defaults().withDynamicBatch(true));

        Map<String, float[]> one = model.run(onnx, input, 1);
        Map<String, float[]> two = model.run(onnx, input, 2);

        for (String name : List.of(HeadMode.Decode.BOXES, HeadMode.Decode.OBJECTNESS, HeadMode.Decode.SCORES)) {
            float[] single = one.get(name);
            float[] pair = two.get(name);
            assertThat(pair).hasSize(2 * single.length);
            assertThat(java.util.Arrays.copyOfRange(pair, 0, single.length)).as(name).containsExactly(single);
            assertThat(java.util.Arrays.copyOfRange(pair, single.length, pair.length)).as(name).containsExactly(single);
        }
    }

    static List<Detection> javaOnRawHeads(ConvertedModels model, float[] input, PostprocessSettings settings,
                                          ImagePlacement placement) {
        DetectionSpec spec = model.spec();
        Map<String, float[]> raw = model.run(model.onnx(HeadMode.raw()), input);
        float[][] heads = spec.heads().stream().map(h -> raw.get(h.outputName())).toArray(float[][]::new);
        return new Postprocessor(spec, settings).process(heads, 0, placement);
    }

    static List<Detection> decodedInGraph(ConvertedModels model, float[] input, PostprocessSettings settings,
                                          ImagePlacement placement) {
        DetectionSpec spec = model.spec();
        Map<String, float[]> out = model.run(model.onnx(HeadMode.decode()), input);
        int candidates = out.get(HeadMode.Decode.OBJECTNESS).length;
        Candidates c = Candidates.fromDense(candidates, spec.classes(), settings.threshold(),
                out.get(HeadMode.Decode.BOXES), 0, out.get(HeadMode.Decode.OBJECTNESS), 0, out.get(HeadMode.Decode.SCORES), 0);
        return new Postprocessor(spec, settings).finish(c, placement);
    }
}
