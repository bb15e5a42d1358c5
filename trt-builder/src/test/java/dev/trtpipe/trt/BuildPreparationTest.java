package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.SettingNote;
import dev.trtpipe.trt.selftest.SyntheticModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything a build checks before TensorRT is touched (runs on hosts without a GPU). */
class BuildPreparationTest {

    private static final Path SHARED = Path.of(System.getProperty("trtpipe.shared", "../shared"));

    @TempDir
    Path dir;

    private PreparedBuild prepare(byte[] onnx, BuildOptions options) throws Exception {
        Path model = dir.resolve("model.onnx");
        Files.write(model, onnx);
        return BuildPreparation.prepare(model.toString(), Optional.of(model), onnx, dir.resolve("model.plan"), options);
    }

    @Test
    void int8WithoutImagesOrCacheSaysWhatToGive() {
        assertThatThrownBy(() -> prepare(SyntheticModels.convNet(1, 1), BuildOptions.builder().precision(Precision.INT8).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("precision int8 needs calibration data: give calibration images (a few hundred images")
                .hasMessageContaining("or a calibration cache (an existing TensorRT calibration cache)")
                .hasMessageNotContaining("--");
    }

    @Test
    void int8WithACacheThatDoesNotExistYetAndNoImagesSaysItWillBeWritten() {
        BuildOptions o = BuildOptions.builder().precision(Precision.INT8).calibrationCache(dir.resolve("new.cache")).build();
        assertThatThrownBy(() -> prepare(SyntheticModels.convNet(1, 1), o))
                .hasMessageContaining("new.cache does not exist yet and will be written");
    }

    @Test
    void int8CalibratesTheDynamicBatchAtTheRequestedSizeWithinTheProfile() throws Exception {
        BuildOptions o = BuildOptions.builder().precision(Precision.INT8).calibrationImages(SHARED.resolve("images"))
                .calibrationBatchSize(2).batchRange(BuildOptions.BatchRange.parse("1:4:8")).build();
        PreparedBuild p = prepare(SyntheticModels.convNet(-1, 1), o);
        assertThat(p.calibration()).isPresent();
        assertThat(p.calibration().get().batchShape()).containsExactly(2, 3, 64, 64);
        assertThat(p.calibration().get().itemSize()).isEqualTo(3 * 64 * 64);
    }

    @Test
    void int8WithTooFewImagesForOneBatchIsRejected() {
        BuildOptions o = BuildOptions.builder().precision(Precision.INT8).calibrationImages(SHARED.resolve("images"))
                .calibrationBatchSize(64).batchRange(BuildOptions.BatchRange.parse("1:64:64")).build();
        assertThatThrownBy(() -> prepare(SyntheticModels.convNet(-1, 1), o))
                .hasMessageContaining("needs at least one batch of 64 images");
    }

    @Test
    void anExistingCacheForAnotherModelIsAcceptedWithAWarning() throws Exception {
        BuildOptions o = BuildOptions.builder().precision(Precision.INT8)
                .calibrationCache(SHARED.resolve("etlt/fpenet_cal.txt")).build();
        PreparedBuild p = prepare(SyntheticModels.convNet(1, 1), o);
        assertThat(p.calibration().get().existingCache()).isPresent();
        assertThat(p.warnings()).extracting(SettingNote::message).anyMatch(w -> w.contains("names none of") && w.contains("another model"));
    }

    @Test
    void anEngineThatWouldOverwriteItsOnnxAsksForAnotherEnginePath() throws Exception {
        byte[] onnx = SyntheticModels.convNet(1, 1);
        Path model = Files.write(dir.resolve("model.onnx"), onnx);
        assertThatThrownBy(() -> BuildPreparation.prepare(model.toString(), Optional.of(model), onnx, model, BuildOptions.builder().build()))
                .hasMessage(model + ": the engine would overwrite the ONNX model; give another engine path")
                .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.render(s -> s == SettingException.Setting.ENGINE ? "-e" : "?"))
                        .isEqualTo(model + ": the engine would overwrite the ONNX model; give another -e path"));
    }

    @Test
    void int8OfATwoInputModelSuggestsFp16() {
        BuildOptions o = BuildOptions.builder().precision(Precision.INT8).calibrationImages(dir)
                .batchRange(BuildOptions.BatchRange.parse("1:4:8")).build();
        assertThatThrownBy(() -> prepare(SyntheticModels.twoInputs(1, 1f), o))
                .hasMessageEndingWith(": INT8 calibration supports models with one input; this one has 2; build precision fp16 instead")
                .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.render(s -> s == SettingException.Setting.PRECISION ? "-t" : "?"))
                        .endsWith("; this one has 2; build -t fp16 instead"));
    }

    @Test
    void calibrationOptionsWithoutInt8AreIgnoredWithAWarning() throws Exception {
        PreparedBuild p = prepare(SyntheticModels.convNet(1, 1),
                BuildOptions.builder().precision(Precision.FP16).calibrationImages(dir).build());
        assertThat(p.calibration()).isEmpty();
        assertThat(p.warnings()).extracting(SettingNote::message)
                .contains("calibration images/a calibration cache ignored: they only apply to precision int8");
        // the command line's flags for these settings give the warning it always printed
        Map<SettingException.Setting, String> flags = Map.of(SettingException.Setting.CALIBRATION_IMAGES, "--calib-images",
                SettingException.Setting.CALIBRATION_CACHE, "--calib-cache", SettingException.Setting.PRECISION, "-t");
        assertThat(p.warnings()).extracting(w -> w.render(flags::get))
                .contains("--calib-images/--calib-cache ignored: they only apply to -t int8");
    }

    @Test
    void aMissingPluginLibraryIsNamed() {
        BuildOptions o = BuildOptions.builder().pluginLibrary(dir.resolve("libmissing.so")).build();
        assertThatThrownBy(() -> prepare(SyntheticModels.convNet(1, 1), o))
                .isInstanceOf(BuildSettingException.class).hasMessageEndingWith("libmissing.so: plugin library does not exist")
                .satisfies(e -> assertThat(((BuildSettingException) e).setting()).isEqualTo(BuildSettingException.Setting.PLUGIN_LIBRARY));
    }

    @Test
    void theEngineMayNotOverwriteTheModel() throws Exception {
        Path model = dir.resolve("model.onnx");
        byte[] onnx = SyntheticModels.convNet(1, 1);
        Files.write(model, onnx);
        assertThatThrownBy(() -> BuildPreparation.prepare(model.toString(), Optional.of(model), onnx, model, BuildOptions.builder().build()))
                .hasMessageContaining("the engine would overwrite the ONNX model");
    }

    @Test
    void theEnginesFolderMustExist() {
        assertThatThrownBy(() -> BuildPreparation.prepare("m.onnx", Optional.empty(), SyntheticModels.convNet(1, 1),
                dir.resolve("no/such/dir/m.plan"), BuildOptions.builder().build()))
                .hasMessageContaining("does not exist; create it first");
    }
}
