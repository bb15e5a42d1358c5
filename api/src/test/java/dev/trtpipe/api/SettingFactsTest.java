package dev.trtpipe.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.detect.SettingException;
import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.Precision;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Java caller sets options, not flags: the facts the libraries state about a setting reach it through the façades
 * in the library's words, with no command-line flag in them (the command line adds its flags, LibraryFactsTest).
 */
class SettingFactsTest {

    @TempDir
    Path tmp;

    @Test
    void aThresholdBelowTheModelsInGraphNmsIsStatedWithoutFlags() throws Exception {
        HeadMode nms = new HeadMode.Nms(HeadMode.NmsOp.ONNX, 0.25f, 0.45f, 100);
        Path onnx = DarknetConversion.toOnnx(DarknetReference.CFG, DarknetReference.WEIGHTS, tmp.resolve("nms.onnx"),
                ConversionOptions.builder().headMode(nms).build()).onnx();

        Throwable e = catchThrowable(() -> Detectors.open(onnx, DetectorOptions.builder().threshold(0.1f).build()).close());

        assertThat(e).isInstanceOf(SettingException.class)
                .hasMessage(onnx + ": the model suppresses in its graph and keeps only scores above 0.25, so threshold 0.10"
                        + " cannot be applied");
        assertThat(e.getMessage()).doesNotContain("--");
    }

    @Test
    void int8WithoutCalibrationDataNamesTheOptionsNotTheFlags() throws Exception {
        Path onnx = DarknetConversion.toOnnx(DarknetReference.CFG, DarknetReference.WEIGHTS, tmp.resolve("m.onnx")).onnx();

        Throwable e = catchThrowable(() -> Engines.build(onnx, tmp.resolve("m.plan"),
                BuildOptions.builder().precision(Precision.INT8).build()));

        assertThat(e).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("precision int8 needs calibration data: give calibration images")
                .hasMessageContaining("or a calibration cache");
        assertThat(e.getMessage()).doesNotContain("--").doesNotContain("-t ");
        assertThat(tmp.resolve("m.plan")).doesNotExist();
    }

    @Test
    void aDynamicBatchWithoutAProfileSuggestsAProfileNotAFlag() throws Exception {
        Path onnx = DarknetConversion.toOnnx(DarknetReference.CFG, DarknetReference.WEIGHTS, tmp.resolve("dyn.onnx"),
                ConversionOptions.builder().dynamicBatch(true).build()).onnx();

        Throwable e = catchThrowable(() -> Engines.build(onnx, tmp.resolve("dyn.plan")));

        assertThat(e).isInstanceOf(SettingException.class)
                .hasMessageContaining("needs an optimization profile: add the optimization profile ")
                .hasMessageContaining("(or a batch profile 1:4:8)");
        assertThat(e.getMessage()).doesNotContain("--").doesNotContain("-p ");
    }
}
