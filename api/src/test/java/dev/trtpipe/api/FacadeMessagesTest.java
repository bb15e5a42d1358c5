package dev.trtpipe.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.detect.SettingFact;
import dev.trtpipe.detect.testing.SharedRefs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad inputs given to the façades, as a Java caller gives them: each refusal states its fact in the library's words,
 * naming the option to set and no command-line flag, and carries the fact for a caller that words it itself.
 */
class FacadeMessagesTest {

    private static final Path TINY = SharedRefs.resolve("ref/mini/yolov3-tiny");
    /** yolov3-tiny's mini weights: 555,412 bytes, the last convolution (layer 22) holding 693 floats. */
    private static final int TINY_WEIGHTS_BYTES = 555412;

    @TempDir
    Path tmp;

    @Test
    void weightsThatEndBetweenLayersSuggestAPartialLoad() throws Exception {
        Path cut = cut(TINY_WEIGHTS_BYTES - 4 * 693);

        Throwable e = catchThrowable(() -> DarknetConversion.toOnnx(TINY.resolve("model.cfg"), cut, tmp.resolve("m.onnx")));

        assertNoFlag(e).hasMessageEndingWith("a `darknet partial` backbone (convert it with a partial load) or the wrong cfg");
        assertThat(tmp.resolve("m.onnx")).doesNotExist();
    }

    @Test
    void aPartialLoadOfWeightsThatEndInsideALayerSaysWhatItAccepts() throws Exception {
        Path cut = cut(TINY_WEIGHTS_BYTES - 4 * 1000);

        Throwable e = catchThrowable(() -> DarknetConversion.toOnnx(TINY.resolve("model.cfg"), cut, tmp.resolve("m.onnx"),
                ConversionOptions.builder().allowPartial(true).build()));

        assertNoFlag(e).hasMessageEndingWith("(a partial load accepts only files that end between layers)");
    }

    @Test
    void theWeightsFileOpenedAsTheModelAsksForTheWeightsPath() {
        Throwable e = catchThrowable(() -> Detectors.open(TINY.resolve("model.weights")).close());

        assertNoFlag(e).hasMessageEndingWith("pass the darknet .cfg as the model and the .weights with the weights path");
    }

    @Test
    void anOnnxModelWithoutDetectionMetadataAsksForItsNvinferConfig() {
        Path lpd = SharedRefs.resolve("etlt/lpdnet_onnx/LPDNet_usa_pruned_tao5.onnx");

        Throwable e = catchThrowable(() -> Detectors.open(lpd).close());

        assertNoFlag(e).hasMessageContaining("(for a TAO detector: its nvinfer config, or embed its nvinfer config with trtpipe tao-spec)");
    }

    @Test
    void aPluginNodeOnOnnxRuntimeNamesTheConversionOptions() throws Exception {
        HeadMode efficient = new HeadMode.Nms(HeadMode.NmsOp.EFFICIENT_NMS_TRT, 0.25f, 0.45f, 100);
        Path onnx = DarknetConversion.toOnnx(TINY.resolve("model.cfg"), TINY.resolve("model.weights"), tmp.resolve("e.onnx"),
                ConversionOptions.builder().headMode(efficient).build()).onnx();

        Throwable e = catchThrowable(() -> Detectors.open(onnx).close());

        assertNoFlag(e).hasMessageEndingWith("re-export with the in-graph NMS onnx (or the head mode decode) to run it here");
    }

    /** The refusal is a one-line fact without a flag, and its template names settings only as placeholders. */
    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertNoFlag(Throwable e) {
        assertThat(e).isNotNull().isInstanceOf(SettingFact.class);
        assertThat(e.getMessage()).doesNotContain("--").doesNotContain("\n");
        assertThat(((SettingFact) e).fact()).doesNotContain("--").containsPattern("\\{[A-Z_]+( [A-Za-z]+)?}");
        return assertThat(e);
    }

    private Path cut(int bytes) throws Exception {
        byte[] all = Files.readAllBytes(TINY.resolve("model.weights"));
        assertThat(all).hasSize(TINY_WEIGHTS_BYTES);
        return Files.write(tmp.resolve("cut.weights"), Arrays.copyOf(all, bytes));
    }
}
