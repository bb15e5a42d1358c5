package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.BatchDetector;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.DetectorSettings;
import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.BatchDetector.InputPreparation;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.testing.TinyDetectorOnnx;
import dev.trtpipe.trt.BuildSettingException;
import dev.trtpipe.trt.BuildSettingException.Setting;
import dev.trtpipe.trt.OnnxParseException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The libraries state facts without flag names; the command line's messages name the flags, as they always did. */
class LibraryFactsTest {

    @TempDir
    Path dir;

    @Test
    void weightsWithAModelThatCarriesItsOwnAreRefusedNamingTheFlag() throws Exception {
        Path onnx = TinyDetectorOnnx.writeDetector(dir.resolve("m.onnx"), 0, TinyDetectorOnnx.spec(true, NmsKind.DEFAULT));
        CliRun run = CliRun.of("detect", "--model", onnx.toString(), "--weights", dir.resolve("m.weights").toString(),
                "--image", Path.of(System.getProperty("trtpipe.repo", "..")).resolve("images/dog.jpg").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.lastErrLine()).isEqualTo("trtpipe detect: " + onnx + ": an ONNX model carries its weights;"
                + " --weights is only for a darknet .cfg");
    }

    @Test
    void aDarknetListWithoutNamesAsksForTheNamesFlag() throws Exception {
        Path list = java.nio.file.Files.writeString(dir.resolve("list.txt"), "");
        CliRun run = CliRun.of("eval", "--data", list.toString(), "--detections", dir.resolve("d.json").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.lastErrLine()).isEqualTo("trtpipe eval: " + list + ": a darknet list file needs the class names;"
                + " add --names FILE (or pass the .data file)");
    }

    @Test
    void buildSettingsAreNamedByTheirFlags() {
        assertThat(ErrorMessages.message(new BuildSettingException(Setting.PLUGIN_LIBRARY, "libx.so: plugin library does not exist")))
                .isEqualTo("libx.so: plugin library does not exist; check the --plugin path");
        assertThat(ErrorMessages.message(new BuildSettingException(Setting.CALIBRATION_IMAGES, "cal: calibration image folder does not exist")))
                .isEqualTo("cal: calibration image folder does not exist; give --calib-images DIR with jpg or png images");
        assertThat(ErrorMessages.message(new BuildSettingException(Setting.DLA_CORE, "DLA core 2: this GPU has 0 DLA cores")))
                .isEqualTo("--dla 2: this GPU has 0 DLA cores");
        assertThat(ErrorMessages.exitCode(new BuildSettingException(Setting.DLA_CORE, "x"))).isEqualTo(ExitCode.BAD_INPUT);
    }

    @Test
    void aParserRejectionSuggestsThePluginFlag() {
        OnnxParseException e = new OnnxParseException("unsupported.onnx",
                List.of(new OnnxParseException.ParserError(1, "bogus_op", "NoSuchOp", "Plugin not found")));
        assertThat(e.getMessage()).doesNotContain("--");
        // as docs/tensorrt.md shows it
        assertThat(ErrorMessages.message(e)).isEqualTo("unsupported.onnx: TensorRT's ONNX parser rejected the model: node 1 'bogus_op'"
                + " (NoSuchOp): Plugin not found; fix or replace these nodes (or register their plugin with --plugin)");
    }

    @Test
    void aBatchTheModelCannotTakeNamesTheBatchFlagsAsBefore() throws Exception {
        Path fixed = TinyDetectorOnnx.writeDetector(dir.resolve("fixed.onnx"), 1, TinyDetectorOnnx.spec(true, NmsKind.DEFAULT));
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.open(fixed, 1)) {
            Detector detector = Detector.fromMetadata("fixed.onnx", backend, DetectorSettings.defaults());
            Throwable tooLarge = catchThrowable(() -> new BatchDetector(detector, 8));
            assertThat(tooLarge.getMessage()).doesNotContain("--");
            assertThat(ErrorMessages.message(tooLarge)).isEqualTo("fixed.onnx: --batch 8 is larger than the model's fixed batch of 1;"
                    + " use --batch 1 or less, or rebuild it for larger batches (trtpipe darknet2onnx --dynamic-batch, then"
                    + " onnx2trt --batch 1:8:8)");
            Throwable onCpu = catchThrowable(() -> new BatchDetector(detector, 1, InputPreparation.BACKEND));
            assertThat(ErrorMessages.message(onCpu)).isEqualTo("fixed.onnx: the onnxruntime-cpu backend cannot prepare its input"
                    + " itself; --gpu-preprocess needs a TensorRT engine (.plan)");
            assertThat(ErrorMessages.exitCode(onCpu)).isEqualTo(ExitCode.BAD_INPUT);
        }
    }

    @Test
    void aSettingWithAMetavariableIsWrittenAsTheFlagAndItsArgument() {
        SettingException e = new SettingException("m.onnx: calibrate with {CALIBRATION_CACHE FILE} instead of {CALIBRATION_IMAGES}",
                "; or run with {PRECISION} fp16");
        assertThat(e.getMessage()).isEqualTo("m.onnx: calibrate with a calibration cache instead of calibration images");
        assertThat(ErrorMessages.message(e)).isEqualTo("m.onnx: calibrate with --calib-cache FILE instead of --calib-images; or run with -t fp16");
    }

    @Test
    void aFolderWithImagesOnlyBelowItAsksForTheRecursiveFlag() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("outer/inner"));
        java.nio.file.Files.write(dir.resolve("outer/inner/e.png"), new byte[0]);
        Throwable e = catchThrowable(() -> dev.trtpipe.detect.inputs.ImageInputs.expand(List.of(dir.resolve("outer").toString()), false));
        assertThat(ErrorMessages.message(e)).isEqualTo(dir.resolve("outer") + ": no images (.bmp, .gif, .jpeg, .jpg, .png) in this"
                + " directory; its subfolders have some: add --recursive");
    }
}
