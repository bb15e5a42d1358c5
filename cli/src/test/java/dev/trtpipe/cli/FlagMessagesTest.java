package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.detect.testing.TinyDetectorOnnx;
import dev.trtpipe.trt.EngineMetadata;
import dev.trtpipe.uff.UffFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's messages for library facts about a setting, word for word as they were when the libraries
 * still wrote the flags themselves: the libraries now state the fact, and the command line adds its flag.
 */
class FlagMessagesTest {

    private static final Path TINY = SharedRefs.resolve("ref/mini/yolov3-tiny");
    /** The size of yolov3-tiny's mini weights; its last convolution (layer 22) holds 693 floats. */
    private static final int TINY_WEIGHTS_BYTES = 555412;

    @TempDir
    Path dir;

    @Test
    void weightsThatEndBetweenLayersSuggestAPartialLoad() throws Exception {
        Path cut = cut(TINY_WEIGHTS_BYTES - 4 * 693);
        CliRun run = CliRun.of("darknet2onnx", "--cfg", TINY.resolve("model.cfg").toString(), "--weights", cut.toString(),
                "-o", dir.resolve("m.onnx").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.lastErrLine()).startsWith("trtpipe darknet2onnx: " + cut + " (version ")
                .endsWith("; the data ends after layer 21, before layer 22 [convolutional] (" + TINY.resolve("model.cfg")
                        + " line 167) — a `darknet partial` backbone (convert it with --allow-partial) or the wrong cfg");
        assertThat(dir.resolve("m.onnx")).doesNotExist();
    }

    @Test
    void aPartialLoadOfWeightsThatEndInsideALayerSaysWhatItAccepts() throws Exception {
        Path cut = cut(TINY_WEIGHTS_BYTES - 4 * 1000);
        CliRun run = CliRun.of("darknet2onnx", "--cfg", TINY.resolve("model.cfg").toString(), "--weights", cut.toString(),
                "-o", dir.resolve("m.onnx").toString(), "--allow-partial");
        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.lastErrLine()).startsWith("trtpipe darknet2onnx: " + cut + " (version ")
                .endsWith(" — the wrong cfg or a truncated download (--allow-partial accepts only files that end between layers)");
    }

    @Test
    void aSecondExportNeedsForceAndADirectoryInTheWayAnotherOut() throws Exception {
        Path onnx = tinyDetector(0);
        String[] args = {"export", "triton", "--onnx", onnx.toString(), "--out", dir.resolve("repo").toString()};
        assertThat(CliRun.of(args).exit()).isZero();
        CliRun again = CliRun.of(args);
        assertThat(again.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(again.err()).isEqualTo("trtpipe export: " + dir.resolve("repo/one/config.pbtxt")
                + ": exists; pass --force to overwrite it\n");

        Files.createDirectories(dir.resolve("other/one/config.pbtxt"));
        CliRun blocked = CliRun.of("export", "triton", "--onnx", onnx.toString(), "--out", dir.resolve("other").toString());
        assertThat(blocked.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(blocked.err()).isEqualTo("trtpipe export: " + dir.resolve("other/one/config.pbtxt")
                + ": is a directory; choose another --out\n");
    }

    @Test
    void anUnsafeModelNameAsksForAnotherOne() throws Exception {
        CliRun run = CliRun.of("export", "triton", "--onnx", tinyDetector(0).toString(), "--out", dir.resolve("r").toString(),
                "--model-name", "../up");
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).isEqualTo("trtpipe export: --model-name: model name '../up' must start with a letter or digit and hold only"
                + " letters, digits, '.', '_' and '-'; pass another --model-name\n");
    }

    @Test
    void aBatchTheModelCannotRunNamesMaxBatch() throws Exception {
        Path fixed = tinyDetector(1);
        CliRun run = CliRun.of("export", "triton", "--onnx", fixed.toString(), "--out", dir.resolve("r").toString(), "--max-batch", "2");
        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).isEqualTo("trtpipe export: " + fixed + " has a fixed batch of 1, so batch 2 is impossible;"
                + " re-export the model with a dynamic batch dimension or pass --max-batch 1\n");

        Path plan = int8EngineUpToBatch4();
        CliRun tooLarge = CliRun.of("export", "triton", "--engine", plan.toString(), "--out", dir.resolve("r").toString(), "--max-batch", "8");
        assertThat(tooLarge.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(tooLarge.err()).isEqualTo("trtpipe export: " + plan + " accepts batches of 1 to 4, not 8;"
                + " pass a --max-batch in that range or rebuild the engine with a larger profile\n");
    }

    @Test
    void anEnginesPrecisionCannotBeChangedOnExport() throws Exception {
        Path plan = int8EngineUpToBatch4();
        Path names = Files.writeString(dir.resolve("one.names"), "cat\ndog\n");
        CliRun run = CliRun.of("export", "deepstream", "--engine", plan.toString(), "--names", names.toString(),
                "--out", dir.resolve("ds").toString(), "--precision", "fp16");
        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).isEqualTo("trtpipe export: " + plan + " was built for int8 and an engine's precision is fixed;"
                + " drop --precision or rebuild the engine for fp16\n");
    }

    @Test
    void outputsNoParserKnowsAskForTheParserFlags() {
        Path onnx = SharedRefs.resolve("etlt/lpdnet_onnx/LPDNet_usa_pruned_tao5.onnx");
        CliRun run = CliRun.of("export", "deepstream", "--onnx", onnx.toString(), "--names",
                SharedRefs.resolve("etlt/lpdnet_onnx/usa_lpd_label.txt").toString(), "--out", dir.resolve("ds").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.lastErrLine()).startsWith("trtpipe export: " + onnx + ": outputs [")
                .endsWith("] are neither the raw darknet heads named in its metadata nor BatchedNMS/EfficientNMS outputs, so no"
                        + " parser can be chosen; pass --parse-func and --custom-lib for your nvinfer bbox parser");
    }

    @Test
    void anEngineWithoutSidecarSuggestsExportingFromTheOnnx() throws Exception {
        Path plan = Files.write(dir.resolve("bare.plan"), new byte[] {0});
        CliRun run = CliRun.of("export", "triton", "--engine", plan.toString(), "--out", dir.resolve("r").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).isEqualTo("trtpipe export: " + plan + ": its sidecar bare.plan.json is missing, so the engine's"
                + " inputs, outputs and precision are unknown; rebuild the engine with trtpipe (its engine builder writes the"
                + " sidecar) or export from the ONNX with --onnx\n");
    }

    @Test
    void theWeightsFileAsTheModelAsksForTheCfg() {
        Path weights = TINY.resolve("model.weights");
        CliRun run = CliRun.of("detect", "--model", weights.toString(), "--image", SharedRefs.resolve("images/dog.jpg").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.lastErrLine()).isEqualTo("trtpipe detect: " + weights + ": pass the darknet .cfg as the model and the"
                + " .weights with --weights");
    }

    @Test
    void anOnnxModelWithoutDetectionMetadataNamesTheNvinferConfig() throws Exception {
        Path onnx = SharedRefs.resolve("etlt/lpdnet_onnx/LPDNet_usa_pruned_tao5.onnx");
        CliRun run = CliRun.of("detect", "--model", onnx.toString(), "--image", SharedRefs.resolve("images/dog.jpg").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.lastErrLine()).isEqualTo("trtpipe detect: " + onnx + ": has no darknet detection metadata (darknet.*"
                + " keys); detect runs models converted from darknet by trtpipe, convert the .cfg and .weights with trtpipe first"
                + " (for a TAO detector: --nvinfer-config, or embed its nvinfer config with trtpipe tao-spec)");
    }

    @Test
    void aPluginNodeOnOnnxRuntimeNamesTheConversionFlags() throws Exception {
        Path onnx = dir.resolve("efficient.onnx");
        CliRun convert = CliRun.of("darknet2onnx", "--cfg", TINY.resolve("model.cfg").toString(), "--weights",
                TINY.resolve("model.weights").toString(), "-o", onnx.toString(), "--head", "nms", "--nms-plugin", "efficient");
        assertThat(convert.exit()).as(convert.err()).isZero();
        CliRun run = CliRun.of("detect", "--model", onnx.toString(), "--image", SharedRefs.resolve("images/dog.jpg").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.lastErrLine()).startsWith("trtpipe detect: " + onnx + ": ONNX Runtime cannot load it (")
                .endsWith("); it contains a TensorRT plugin node, only TensorRT runs it; re-export with --nms-plugin onnx"
                        + " (or --head decode) to run it here");
    }

    @Test
    void aUffNodeThePlainNmsCannotTranslateNamesTheNmsFlag() {
        String before = "tf.uff: UFF node 'NMS' (_NMS_TRT) has codeType 3 (only 1, CENTER_SIZE as TLT writes it), which the plain"
                + " ONNX NMS does not support; translate without --nms onnx to keep the plugin";
        UffFormatException e = new UffFormatException(before.replace("--nms onnx", "{PLAIN_NMS onnx}"));
        assertThat(ErrorMessages.message(e)).isEqualTo(before);
        assertThat(ErrorMessages.exitCode(e)).isEqualTo(ExitCode.BAD_INPUT);
    }

    @Test
    void anNvinferConfigWhoseLabelsAreMissingSuggestsTheNamesFlag() throws Exception {
        Path config = Files.copy(SharedRefs.resolve("etlt/lpdnet_onnx/sgie_lpd_DetectNet2_us.txt"), dir.resolve("lpd.txt"));
        CliRun run = CliRun.of("detect", "--model", SharedRefs.resolve("etlt/lpdnet_onnx/LPDNet_usa_pruned_tao5.onnx").toString(),
                "--nvinfer-config", config.toString(), "--image", SharedRefs.resolve("images/plates/" + firstPlate()).toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning: " + config + ":53: label file /workspaces/cartheft/python_lpr/models/LPD_us/"
                + "usa_lpd_label.txt not found (nor beside the config); classes are numbered, pass --names to name them\n");
    }

    private static String firstPlate() throws Exception {
        try (var files = Files.list(SharedRefs.resolve("images/plates"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jpg") || n.endsWith(".png")).sorted()
                    .findFirst().orElseThrow();
        }
    }

    private Path cut(int bytes) throws Exception {
        byte[] all = Files.readAllBytes(TINY.resolve("model.weights"));
        assertThat(all).hasSize(TINY_WEIGHTS_BYTES);
        return Files.write(dir.resolve("cut.weights"), Arrays.copyOf(all, bytes));
    }

    /** The tiny two-class detector as 'one.onnx': batch 0 is dynamic. */
    private Path tinyDetector(int batch) throws Exception {
        return TinyDetectorOnnx.writeDetector(dir.resolve("one.onnx"), batch, TinyDetectorOnnx.spec(true, NmsKind.DEFAULT));
    }

    /** An engine's sidecar as the builder writes it for an int8 build with a batch profile of 1 to 4. */
    private Path int8EngineUpToBatch4() throws Exception {
        Path plan = Files.write(dir.resolve("one.plan"), new byte[] {1, 2, 3});
        new EngineMetadata(EngineMetadata.FORMAT, "one.onnx", "00".repeat(32), "int8", "10.6.0", "NVIDIA H100 80GB HBM3",
                List.of(new EngineMetadata.Tensor("data", new long[] {-1, 3, 64, 64}, "float")),
                List.of(new EngineMetadata.Tensor("yolo_3", new long[] {-1, 21, 2, 2}, "float"),
                        new EngineMetadata.Tensor("yolo_6", new long[] {-1, 21, 4, 4}, "float")),
                List.of("data,1x3x64x64,2x3x64x64,4x3x64x64"), 1.0, TinyDetectorOnnx.spec(true, NmsKind.DEFAULT).toMetadata())
                .writeFor(plan);
        return plan;
    }
}
