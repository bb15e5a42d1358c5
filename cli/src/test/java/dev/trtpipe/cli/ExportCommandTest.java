package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.onnx.proto.Onnx;
import dev.trtpipe.trt.EngineMetadata;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    private DetectionSpec spec;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** A graph-I/O-only ONNX (input N×3×32×32, one raw head N×18×1×1) with darknet metadata: all the exporters read. */
    @BeforeEach
    void writeModel() throws Exception {
        spec = new DetectionSpec(32, 32, 3, true, NmsKind.DEFAULT, 0.6f, List.of(new DetectionSpec.Head(
                1, DetectionSpec.HeadKind.YOLO, "yolo_1", 1, 1, 1, new float[] {10, 14, 23, 27, 37, 58}, 1f, false)));
        Onnx.ModelProto.Builder m = Onnx.ModelProto.newBuilder().setIrVersion(7).setGraph(Onnx.GraphProto.newBuilder()
                .addInput(tensor("data", 3, 32, 32)).addOutput(tensor("yolo_1", 18, 1, 1)));
        spec.toMetadata().forEach((k, v) -> m.addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        onnx = Files.write(dir.resolve("one.onnx"), m.build().toByteArray());
        names = Files.writeString(dir.resolve("one.names"), "thing\n");
    }

    private static Onnx.ValueInfoProto tensor(String name, long c, long h, long w) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder()
                .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
        for (long d : new long[] {c, h, w}) {
            shape.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder().setTensorType(
                Onnx.TypeProto.Tensor.newBuilder().setElemType(Onnx.TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    private int run(String... args) {
        return Main.run(args, new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void deepstreamWritesConfigAndLabelsAndWarnsAboutTheParser() throws Exception {
        Path ds = dir.resolve("ds");
        int code = run("export", "deepstream", "--onnx", onnx.toString(), "--names", names.toString(), "--out", ds.toString(),
                "--precision", "fp16", "--max-batch", "4");
        assertThat(code).as(err()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("wrote " + ds.resolve("config_infer_primary_one.txt"))
                .contains("wrote " + ds.resolve("labels.txt"));
        assertThat(Files.readString(ds.resolve("config_infer_primary_one.txt")))
                .contains("onnx-file=../one.onnx\n").contains("network-mode=2\n").contains("batch-size=4\n");
        assertThat(err()).startsWith("warning: the model outputs raw darknet heads");
    }

    @Test
    void tritonWritesARepositoryEntry() throws Exception {
        Path repo = dir.resolve("repo");
        assertThat(run("export", "triton", "--onnx", onnx.toString(), "--out", repo.toString(), "--model-name", "yolo")).as(err()).isZero();
        assertThat(Files.readString(repo.resolve("yolo/config.pbtxt"))).contains("platform: \"onnxruntime_onnx\"");
        assertThat(repo.resolve("yolo/1/model.onnx")).exists();
    }

    @Test
    void secondRunNeedsForce() {
        String[] args = {"export", "triton", "--onnx", onnx.toString(), "--out", dir.resolve("repo").toString()};
        assertThat(run(args)).isZero();
        assertThat(run(args)).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err()).contains("config.pbtxt: exists; pass --force to overwrite it").doesNotContain("Exception");
        String[] forced = {"export", "triton", "--onnx", onnx.toString(), "--out", dir.resolve("repo").toString(), "--force"};
        assertThat(run(forced)).isZero();
    }

    @Test
    void engineWithoutSidecarIsAOneLineBadInput() throws Exception {
        Path plan = Files.write(dir.resolve("one.plan"), new byte[] {0});
        assertThat(run("export", "triton", "--engine", plan.toString(), "--out", dir.toString())).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err()).contains("one.plan.json is missing").doesNotContain("\tat ");
        assertThat(err().strip().lines()).hasSize(1);
    }

    @Test
    void anEngineIsExportedFromItsSidecar() throws Exception {
        Path plan = Files.write(dir.resolve("one.plan"), new byte[] {1, 2, 3});
        new EngineMetadata(EngineMetadata.FORMAT, "one.onnx", "00".repeat(32), "int8", "10.6.0", "NVIDIA H100 80GB HBM3",
                List.of(new EngineMetadata.Tensor("data", new long[] {-1, 3, 32, 32}, "float")),
                List.of(new EngineMetadata.Tensor("yolo_1", new long[] {-1, 18, 1, 1}, "float")),
                List.of("data,1x3x32x32,2x3x32x32,4x3x32x32"), 1.0, spec.toMetadata()).writeFor(plan);
        Path ds = dir.resolve("ds");

        int code = run("export", "deepstream", "--engine", plan.toString(), "--names", names.toString(), "--out", ds.toString());

        assertThat(code).as(err()).isZero();
        assertThat(Files.readString(ds.resolve("config_infer_primary_one.txt")))
                .contains("model-engine-file=../one.plan\n").contains("network-mode=1\n").contains("batch-size=4\n")
                .contains("maintain-aspect-ratio=1\n");
    }

    @Test
    void namesMustMatchTheModelsClasses() throws Exception {
        Path two = Files.writeString(dir.resolve("two.names"), "a\nb\n");
        assertThat(run("export", "deepstream", "--onnx", onnx.toString(), "--names", two.toString(), "--out", dir.toString()))
                .isEqualTo(ExitCode.BAD_INPUT);
        assertThat(err()).contains(two + ": has 2 names but the model has 1 classes");
    }

    @Test
    void usageErrors() {
        String x = dir.resolve("x").toString();
        assertThat(run("export", "--onnx", onnx.toString(), "--out", x)).isEqualTo(ExitCode.USAGE);
        assertThat(run("export", "kubernetes", "--onnx", onnx.toString(), "--out", x)).isEqualTo(ExitCode.USAGE);
        assertThat(run("export", "triton", "--onnx", onnx.toString(), "--engine", "a.plan", "--out", x)).isEqualTo(ExitCode.USAGE);
        assertThat(run("export", "triton", "--onnx", onnx.toString(), "--out", x, "--conf-thresh", "0.3")).isEqualTo(ExitCode.USAGE);
        assertThat(run("export", "triton", "--onnx", onnx.toString(), "--out", x, "--max-batch", "many")).isEqualTo(ExitCode.USAGE);
        assertThat(run("export", "deepstream", "--onnx", onnx.toString(), "--out", x)).isEqualTo(ExitCode.USAGE);
        assertThat(err()).contains("--conf-thresh applies to 'export deepstream' only")
                .contains("--max-batch needs a whole number, got 'many'")
                .contains("--names FILE is required for deepstream");
        assertThat(Path.of(x)).doesNotExist();
    }
}
