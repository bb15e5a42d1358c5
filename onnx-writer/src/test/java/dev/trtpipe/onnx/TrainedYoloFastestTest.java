package dev.trtpipe.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.YoloLayer;
import dev.trtpipe.darknet.ref.ReferenceDump;
import dev.trtpipe.darknet.ref.SharedFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real trained Yolo-Fastest-1.1 on {@code dog.jpg} (references.md §5): heads and {@code [yolo]}
 * outputs of the default (heads-only) model against darknet, 1e-4 for AlexeyAB and 5e-3 for pjreddie
 * (small trained variances amplify PJ's different BN epsilon; references.md §7).
 */
class TrainedYoloFastestTest {

    private static Fixtures fastest;

    @BeforeAll
    static void load() throws IOException {
        Path dir = SharedFiles.resolve("models/darknet/trained/yolo-fastest-1.1_coco");
        fastest = Fixtures.load(dir.resolve("yolo-fastest-1.1.cfg"), dir.resolve("yolo-fastest-1.1.weights"));
    }

    @ParameterizedTest(name = "{0} fold_bn={1}")
    @CsvSource({
            "alexeyab/yolo-fastest-1.1_dog_resize, false, 1e-4",
            "alexeyab/yolo-fastest-1.1_dog_resize, true, 1e-4",
            "pjreddie/yolo-fastest-1.1_dog_resize, false, 5e-3",
            "pjreddie/yolo-fastest-1.1_dog_letterbox, false, 5e-3",
    })
    void headsAndYoloOutputsMatchDarknet(String run, boolean foldBatchNorm, double tolerance) throws Exception {
        ReferenceDump dump = ReferenceDump.read(SharedFiles.resolve("ref/trained/" + run));
        ConvertedModel converted = fastest.convert(ConversionOptions.defaults().withFoldedBatchNorm(foldBatchNorm));
        assertThat(converted.graph().outputs()).containsExactly("120_convolutional", "129_convolutional");
        Map<String, float[]> out = OrtRunner.run(converted.toModelProto().toByteArray(), dump.input(), fastest.inputDims(1));
        boolean alexeyAB = run.startsWith("alexeyab");
        for (ReferenceDump.Entry e : dump.layers()) {
            float[] actual = e.type().equals("yolo")
                    ? Tensors.yoloInPlace(out.get(String.format("%03d_convolutional", e.index() - 1)),
                            (YoloLayer) fastest.model().layer(e.index()), alexeyAB)
                    : out.get(String.format("%03d_convolutional", e.index()));
            assertThat(Tensors.relativeError(actual, dump.tensor(e))).as("layer %d [%s]", e.index(), e.type())
                    .isLessThanOrEqualTo(tolerance);
        }
    }
}
