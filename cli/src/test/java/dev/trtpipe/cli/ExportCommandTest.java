package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.testing.TinyDetectorOnnx;
import dev.trtpipe.trt.EngineMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

    @TempDir
    Path dir;
    private Path onnx;
    private Path names;

    /** The tiny two-class detector (dynamic batch, letterbox), as 'one.onnx', and its names. */
    @BeforeEach
    void writeModel() throws Exception {
        onnx = TinyDetectorOnnx.writeDetector(dir.resolve("one.onnx"), 0, TinyDetectorOnnx.spec(true, NmsKind.DEFAULT));
        names = Files.writeString(dir.resolve("one.names"), "cat\ndog\n");
    }

    @Test
    void deepstreamWritesConfigAndLabelsAndWarnsAboutTheParser() throws Exception {
        Path ds = dir.resolve("ds");
        CliRun run = CliRun.of("export", "deepstream", "--onnx", onnx.toString(), "--names", names.toString(), "--out", ds.toString(),
                "--precision", "fp16", "--max-batch", "4");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote " + ds.resolve("config_infer_primary_one.txt")).contains("wrote " + ds.resolve("labels.txt"));
        assertThat(Files.readString(ds.resolve("config_infer_primary_one.txt")))
                .contains("onnx-file=../one.onnx\n").contains("network-mode=2\n").contains("batch-size=4\n");
        assertThat(run.err()).startsWith("warning: the model outputs raw darknet heads");
    }

    @Test
    void tritonWritesARepositoryEntry() throws Exception {
        Path repo = dir.resolve("repo");
        CliRun run = CliRun.of("export", "triton", "--onnx", onnx.toString(), "--out", repo.toString(), "--model-name", "yolo");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readString(repo.resolve("yolo/config.pbtxt"))).contains("platform: \"onnxruntime_onnx\"");
        assertThat(repo.resolve("yolo/1/model.onnx")).exists();
    }

    @Test
    void secondRunNeedsForce() {
        String[] args = {"export", "triton", "--onnx", onnx.toString(), "--out", dir.resolve("repo").toString()};
        assertThat(CliRun.of(args).exit()).isZero();
        CliRun again = CliRun.of(args);
        assertThat(again.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(again.err()).contains("config.pbtxt: exists; pass --force to overwrite it").doesNotContain("Exception");
        String[] forced = {"export", "triton", "--onnx", onnx.toString(), "--out", dir.resolve("repo").toString(), "--force"};
        assertThat(CliRun.of(forced).exit()).isZero();
    }

    @Test
    void engineWithoutSidecarIsAOneLineBadInput() throws Exception {
        Path plan = Files.write(dir.resolve("one.plan"), new byte[] {0});
        CliRun run = CliRun.of("export", "triton", "--engine", plan.toString(), "--out", dir.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("one.plan.json is missing").doesNotContain("\tat ").hasLineCount(1);
    }

    /** The sidecar as the engine builder writes it for {@code onnx2trt -m one.onnx -t int8 --batch 1:2:4}. */
    @Test
    void anEngineIsExportedFromItsSidecar() throws Exception {
        Path plan = Files.write(dir.resolve("one.plan"), new byte[] {1, 2, 3});
        new EngineMetadata(EngineMetadata.FORMAT, "one.onnx", "00".repeat(32), "int8", "10.6.0", "NVIDIA H100 80GB HBM3",
                List.of(new EngineMetadata.Tensor("data", new long[] {-1, 3, 64, 64}, "float")),
                List.of(new EngineMetadata.Tensor("yolo_3", new long[] {-1, 21, 2, 2}, "float"),
                        new EngineMetadata.Tensor("yolo_6", new long[] {-1, 21, 4, 4}, "float")),
                List.of("data,1x3x64x64,2x3x64x64,4x3x64x64"), 1.0, TinyDetectorOnnx.spec(true, NmsKind.DEFAULT).toMetadata())
                .writeFor(plan);
        Path ds = dir.resolve("ds");

        CliRun run = CliRun.of("export", "deepstream", "--engine", plan.toString(), "--names", names.toString(), "--out", ds.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readString(ds.resolve("config_infer_primary_one.txt")))
                .contains("model-engine-file=../one.plan\n").contains("network-mode=1\n").contains("batch-size=4\n")
                .contains("maintain-aspect-ratio=1\n").contains("output-blob-names=yolo_3;yolo_6\n");
    }

    @Test
    void namesMustMatchTheModelsClasses() throws Exception {
        Path three = Files.writeString(dir.resolve("three.names"), "a\nb\nc\n");
        CliRun run = CliRun.of("export", "deepstream", "--onnx", onnx.toString(), "--names", three.toString(), "--out", dir.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).isEqualTo("trtpipe export: " + three + ": has 3 names but the model has 2 classes;"
                + " pass the names file the model was trained with\n");
    }

    @Test
    void usageErrors() {
        String x = dir.resolve("x").toString();
        usageError("export", "--onnx", onnx.toString(), "--out", x);
        usageError("export", "kubernetes", "--onnx", onnx.toString(), "--out", x);
        usageError("export", "triton", "--onnx", onnx.toString(), "--engine", "a.plan", "--out", x);
        assertThat(usageError("export", "triton", "--onnx", onnx.toString(), "--out", x, "--conf-thresh", "0.3"))
                .contains("--conf-thresh applies to 'export deepstream' only");
        assertThat(usageError("export", "triton", "--onnx", onnx.toString(), "--out", x, "--max-batch", "many"))
                .contains("--max-batch must be an integer in 1..4096, got 'many'");
        assertThat(usageError("export", "deepstream", "--onnx", onnx.toString(), "--out", x))
                .contains("--names FILE is required for deepstream");
        assertThat(Path.of(x)).doesNotExist();
    }

    /** Runs a command line that must be refused as a usage error; returns what stderr said. */
    private static String usageError(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exit()).as(String.join(" ", args)).isEqualTo(ExitCode.USAGE);
        return run.err();
    }
}
