package dev.trtpipe.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.darknet.ref.ReferenceDump;
import dev.trtpipe.darknet.ref.SharedFiles;
import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import dev.trtpipe.onnx.proto.Onnx.StringStringEntryProto;
import dev.trtpipe.onnx.proto.Onnx.ValueInfoProto;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --head decode} against darknet itself: the in-graph boxes, objectness and scores equal the
 * candidates darknet's own {@code [yolo]}/{@code [region]} outputs give (references.md §7 tolerances:
 * 1e-4 of the largest value against AlexeyAB, 5e-4 against pjreddie with random weights). Covers sigmoid
 * heads, {@code scale_x_y}, {@code new_coords} and {@code [region]} softmax with anchors in grid cells.
 */
class DecodeHeadsPassTest {

    private static final Path TRAINED = SharedFiles.resolve("models/darknet/trained/yolo-fastest-1.1_coco");

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource({
            "trained,     ref/trained/alexeyab/yolo-fastest-1.1_dog_resize, 1e-4",  // 80 classes, sigmoid
            "yolov4-tiny, ref/mini/yolov4-tiny/alexeyab,                    1e-4",  // scale_x_y 1.05
            "yolov4-csp,  ref/mini/yolov4-csp/alexeyab,                     1e-4",  // new_coords, scale_x_y 2, finest grid first
            "yolov7-tiny, ref/mini/yolov7-tiny/alexeyab,                    1e-4",
            "yolov2-tiny, ref/mini/yolov2-tiny/pjreddie,                    5e-4",  // [region]: PJ's NCHW layer output
    })
    void decodedCandidatesMatchDarknetsDetectionLayers(String fixture, String dumpDir, double tolerance) throws Exception {
        Fixtures f = fixture.equals("trained")
                ? Fixtures.load(TRAINED.resolve("yolo-fastest-1.1.cfg"), TRAINED.resolve("yolo-fastest-1.1.weights"))
                : Fixtures.mini(SharedFiles.resolve("ref/mini/" + fixture));
        DetectionSpec spec = f.model().detectionSpec().orElseThrow();
        ReferenceDump dump = ReferenceDump.read(SharedFiles.resolve(dumpDir));
        List<float[]> layers = new ArrayList<>();
        for (DetectionSpec.Head h : spec.heads()) {
            layers.add(dump.tensor(dump.layer(h.layerIndex()).orElseThrow()));
        }
        DarknetCandidates expected = DarknetCandidates.of(spec, layers);

        byte[] onnx = f.convert(ConversionOptions.defaults()).apply(new DecodeHeadsPass()).toModelProto().toByteArray();
        Map<String, float[]> out = OrtRunner.run(onnx, dump.input(), f.inputDims(1));

        assertThat(Tensors.relativeError(out.get(HeadMode.Decode.BOXES), expected.boxes())).as("boxes").isLessThanOrEqualTo(tolerance);
        assertThat(Tensors.relativeError(out.get(HeadMode.Decode.OBJECTNESS), expected.objectness())).as("objectness")
                .isLessThanOrEqualTo(tolerance);
        assertThat(Tensors.relativeError(out.get(HeadMode.Decode.SCORES), expected.scores())).as("scores").isLessThanOrEqualTo(tolerance);
    }

    @Test
    void decodedOutputsReplaceTheRawHeadsAndTheMetadataSaysSo() throws Exception {
        Fixtures f = Fixtures.mini(SharedFiles.resolve("ref/mini/yolov4"));
        ModelProto model = f.convert(ConversionOptions.defaults().withDynamicBatch(true)).apply(new DecodeHeadsPass()).toModelProto();

        // heads 16x20, 8x10, 4x5 with 3 anchors each: K = 3·(320 + 80 + 20) = 1260
        assertThat(model.getGraph().getOutputList()).extracting(DecodeHeadsPassTest::signature)
                .containsExactly("boxes [N,1260,4]", "objectness [N,1260,1]", "scores [N,1260,2]");
        Map<String, String> metadata = metadata(model);
        assertThat(metadata).containsEntry("darknet.head_mode", "decode")
                .containsEntry("darknet.box_format", "cxcywh_relative_to_input");
        assertThat(HeadMode.fromMetadata(metadata)).isEqualTo(HeadMode.decode());
        assertThat(DetectionSpec.fromMetadata(metadata)).isEqualTo(f.model().detectionSpec().orElseThrow());
    }

    @Test
    void rawModelsSayRawAndExposedLayersKeepTheirHeads() throws Exception {
        Fixtures f = Fixtures.mini(SharedFiles.resolve("ref/mini/yolov3-tiny"));
        assertThat(metadata(f.convert(ConversionOptions.defaults()).toModelProto())).containsEntry("darknet.head_mode", "raw");

        ModelProto exposed = f.convert(ConversionOptions.defaults().withExposedLayers(true)).apply(new DecodeHeadsPass()).toModelProto();
        assertThat(exposed.getGraph().getOutputList()).extracting(ValueInfoProto::getName)
                .contains("015_convolutional", "022_convolutional", "boxes", "objectness", "scores");
    }

    static String signature(ValueInfoProto v) {
        return v.getName() + " [" + v.getType().getTensorType().getShape().getDimList().stream()
                .map(d -> d.hasDimParam() ? d.getDimParam() : String.valueOf(d.getDimValue())).collect(Collectors.joining(",")) + "]";
    }

    static Map<String, String> metadata(ModelProto model) {
        return model.getMetadataPropsList().stream().collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
    }
}
