package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code darknet2onnx} and {@code inspect-darknet} through {@link Main#run}: exit codes, messages, no partial files. */
class DarknetCommandsTest {

    private static final Path SHARED = Path.of(System.getProperty("trtpipe.shared", "../shared"));
    private static final Path TINY = SHARED.resolve("ref/mini/yolov3-tiny");

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void convertsAndSummarises() {
        Path onnx = tmp.resolve("tiny.onnx");
        int code = run("darknet2onnx", "--cfg", TINY.resolve("model.cfg").toString(), "--weights",
                TINY.resolve("model.weights").toString(), "-o", onnx.toString(), "--opset", "11", "--dynamic-batch");
        assertThat(code).as(stderr()).isZero();
        assertThat(onnx).isRegularFile();
        assertThat(stdout()).contains("wrote " + onnx, "opset 11, dynamic batch", "head 015_convolutional", "21x4x5",
                "head 022_convolutional", "21x8x10");
        assertThat(stderr()).isEmpty();
    }

    @Test
    void helpWorksWithoutTheRequiredOptions() {
        assertThat(run("darknet2onnx", "--help")).isZero();
        assertThat(stdout()).contains("--cfg", "--weights", "--opset", "--dynamic-batch", "--expose-layers", "--allow-partial", "--fold-bn");
        assertThat(run("inspect-darknet", "--help")).isZero();
    }

    @Test
    void badUsageExitsWithTwo() {
        assertThat(run("darknet2onnx", "--weights", "w", "-o", "x.onnx")).isEqualTo(ExitCode.USAGE);
        assertThat(stderr()).contains("missing --cfg");
        assertThat(run("darknet2onnx", "--cfg", "c", "--weights", "w", "-o", "x.onnx", "--opset", "10")).isEqualTo(ExitCode.USAGE);
        assertThat(stderr()).contains("--opset must be an integer in 11..18, got '10'");
    }

    @Test
    void badCfgIsOneLineWithFileAndLineAndNoOutput() throws Exception {
        String cfg = Files.readString(TINY.resolve("model.cfg")).replaceFirst("activation=leaky", "activation=leeky");
        Path bad = Files.writeString(tmp.resolve("bad.cfg"), cfg);
        Path onnx = tmp.resolve("out.onnx");
        int code = run("darknet2onnx", "--cfg", bad.toString(), "--weights", TINY.resolve("model.weights").toString(), "-o", onnx.toString());
        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(stderr()).startsWith("trtpipe darknet2onnx: " + bad + ":31: [convolutional] unknown activation 'leeky'")
                .doesNotContain("\tat ", "Exception").hasLineCount(1);
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(bad);
        }
    }

    @Test
    void shortWeightsNameTheLayer() throws Exception {
        byte[] bytes = Files.readAllBytes(TINY.resolve("model.weights"));
        Path cut = Files.write(tmp.resolve("cut.weights"), Arrays.copyOf(bytes, bytes.length - 4000));
        int code = run("darknet2onnx", "--cfg", TINY.resolve("model.cfg").toString(), "--weights", cut.toString(), "-o",
                tmp.resolve("out.onnx").toString());
        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(stderr()).contains("SHORT by 1000 floats", "ends inside layer 21 [convolutional]").hasLineCount(1);
        assertThat(tmp.resolve("out.onnx")).doesNotExist();
    }

    @Test
    void emptyCfgAndMissingFilesAreBadInput() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.cfg"));
        assertThat(run("inspect-darknet", "--cfg", empty.toString())).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(stderr()).contains(empty + " has no sections (empty file?)");
        assertThat(run("inspect-darknet", "--cfg", tmp.resolve("nope.cfg").toString())).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(stderr()).contains("no such file: " + tmp.resolve("nope.cfg"));
    }

    @Test
    void memoryLimitIsConfigurable() {
        int code = run("inspect-darknet", "--cfg", SHARED.resolve("models/darknet/cfg/alexeyab/yolov4.cfg").toString(), "--memory-limit", "100");
        assertThat(code).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(stderr()).contains("yolov4.cfg:", "over the 100 MiB limit");
    }

    @Test
    void inspectPrintsTheLayerTableAndTheVerdict() {
        int code = run("inspect-darknet", "--cfg", TINY.resolve("model.cfg").toString(), "--weights", TINY.resolve("model.weights").toString());
        assertThat(code).isZero();
        assertThat(stdout()).contains("input 3x128x160", "24 layers", "138848 weights")
                .containsPattern("\\n +11 +maxpool +64x4x5 +size=2 stride=1 padding=1")
                .containsPattern("\\n +15 +convolutional +21x4x5 +linear +1365 ")
                .contains("weights: " + TINY.resolve("model.weights") + " (version 0.2.5, 555412 bytes)", "EXACT, 138848 floats");
        assertThat(run("inspect-darknet", "--cfg", TINY.resolve("model.cfg").toString(), "--weights",
                SHARED.resolve("ref/mini/yolov3/model.weights").toString())).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(stdout()).contains("LONG by 839147 floats");
    }

    @Test
    void headModesSummariseTheirOutputs() {
        String cfg = TINY.resolve("model.cfg").toString();
        String weights = TINY.resolve("model.weights").toString();
        assertThat(run("darknet2onnx", "--cfg", cfg, "--weights", weights, "-o", tmp.resolve("d.onnx").toString(),
                "--head", "decode", "--dynamic-batch")).as(stderr()).isZero();
        // 3 anchors · (5x4 + 10x8) cells = 300 candidates, 2 classes
        assertThat(stdout()).contains("--head decode (boxes: centre x, y, w, h relative to the input):"
                + " boxes Nx300x4, objectness Nx300x1, scores Nx300x2");

        out.reset();
        assertThat(run("darknet2onnx", "--cfg", cfg, "--weights", weights, "-o", tmp.resolve("n.onnx").toString(),
                "--head", "nms", "--score-thresh", "0.3", "--iou-thresh", "0.5", "--max-dets", "50")).as(stderr()).isZero();
        assertThat(stdout()).contains("--head nms (ONNX NonMaxSuppression, score > 0.30, IoU > 0.50 suppressed, at most 50 per image):"
                + " num_dets 1x1, det_boxes 1x50x4, det_scores 1x50, det_classes 1x50");

        out.reset();
        assertThat(run("darknet2onnx", "--cfg", cfg, "--weights", weights, "-o", tmp.resolve("e.onnx").toString(),
                "--head", "nms", "--nms-plugin", "efficient")).as(stderr()).isZero();
        assertThat(stdout()).contains("TensorRT EfficientNMS_TRT plugin");
    }

    @Test
    void headOptionsAreCheckedBeforeConverting() {
        String cfg = TINY.resolve("model.cfg").toString();
        String weights = TINY.resolve("model.weights").toString();
        Path onnx = tmp.resolve("x.onnx");
        assertThat(run("darknet2onnx", "--cfg", cfg, "--weights", weights, "-o", onnx.toString(), "--head", "boxes"))
                .isEqualTo(ExitCode.USAGE);
        assertThat(stderr()).contains("--head must be raw, decode or nms, got 'boxes'");
        assertThat(run("darknet2onnx", "--cfg", cfg, "--weights", weights, "-o", onnx.toString(), "--head", "decode",
                "--score-thresh", "0.3")).isEqualTo(ExitCode.USAGE);
        assertThat(stderr()).contains("--nms-plugin, --score-thresh, --iou-thresh and --max-dets need --head nms");
        assertThat(run("darknet2onnx", "--cfg", cfg, "--weights", weights, "-o", onnx.toString(), "--head", "nms",
                "--nms-plugin", "batched")).isEqualTo(ExitCode.USAGE);
        assertThat(stderr()).contains("--nms-plugin must be onnx or efficient, got 'batched'");
        assertThat(run("darknet2onnx", "--cfg", cfg, "--weights", weights, "-o", onnx.toString(), "--head", "nms",
                "--iou-thresh", "0")).isEqualTo(ExitCode.USAGE);
        assertThat(stderr()).contains("--iou-thresh must be a number in (0, 1], got '0'");
        assertThat(onnx).doesNotExist();
    }
}
