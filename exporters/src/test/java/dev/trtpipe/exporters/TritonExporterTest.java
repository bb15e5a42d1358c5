package dev.trtpipe.exporters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.TextFormat;
import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.detect.testing.TinyDetectorOnnx;
import dev.trtpipe.exporters.proto.TritonModelConfig.DataType;
import dev.trtpipe.exporters.proto.TritonModelConfig.ModelConfig;
import dev.trtpipe.exporters.proto.TritonModelConfig.ModelInstanceGroup;
import dev.trtpipe.trt.Precision;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TritonExporterTest {

    @TempDir
    Path dir;

    /** Parses config.pbtxt with Triton's (reduced) ModelConfig text schema; unknown fields fail the parse. */
    private static ModelConfig parse(Path pbtxt) throws Exception {
        ModelConfig.Builder b = ModelConfig.newBuilder();
        TextFormat.merge(Files.readString(pbtxt), b);
        return b.build();
    }

    @Test
    void dynamicBatchOnnxBecomesABatchingOnnxRuntimeModel() throws Exception {
        Path onnx = TinyDetectorOnnx.writeDetector(dir.resolve("tiny.onnx"), 0, TinyDetectorOnnx.spec(true, NmsKind.DEFAULT));
        ModelDescription model = OnnxModelReader.read(onnx);
        List<Path> written = TritonExporter.export(model, Optional.of(List.of("cat", "dog")), dir.resolve("repo"),
                new TritonExporter.Options("tiny_yolo", OptionalInt.of(8)), false);

        Path modelDir = dir.resolve("repo/tiny_yolo");
        assertThat(written).containsExactly(modelDir.resolve("config.pbtxt"), modelDir.resolve("1/model.onnx"),
                modelDir.resolve("labels.txt"));
        ModelConfig c = parse(modelDir.resolve("config.pbtxt"));
        assertThat(c.getName()).isEqualTo("tiny_yolo");
        assertThat(c.getPlatform()).isEqualTo("onnxruntime_onnx");
        assertThat(c.getMaxBatchSize()).isEqualTo(8);
        assertThat(c.getInputCount()).isEqualTo(1);
        assertThat(c.getInput(0).getName()).isEqualTo("data");
        assertThat(c.getInput(0).getDataType()).isEqualTo(DataType.TYPE_FP32);
        assertThat(c.getInput(0).getDimsList()).containsExactly(3L, 64L, 64L);
        assertThat(c.getOutputList()).extracting(o -> o.getName() + " " + o.getDataType() + " " + o.getDimsList())
                .containsExactly("yolo_3 TYPE_FP32 [21, 2, 2]", "yolo_6 TYPE_FP32 [21, 4, 4]");
        assertThat(c.hasDynamicBatching()).isTrue();
        assertThat(c.getInstanceGroupList()).isEmpty();
        assertThat(Files.readAllBytes(modelDir.resolve("1/model.onnx"))).isEqualTo(Files.readAllBytes(onnx));
        assertThat(Files.readString(modelDir.resolve("labels.txt"))).isEqualTo("cat\ndog\n");
    }

    @Test
    void fixedBatchMeansMaxBatchZeroAndFullDims() throws Exception {
        ModelDescription model = OnnxModelReader.read(TinyDetectorOnnx.writeDetector(dir.resolve("b1.onnx"), 1,
                TinyDetectorOnnx.spec(true, NmsKind.DEFAULT)));
        TritonExporter.export(model, Optional.empty(), dir, new TritonExporter.Options("b1", OptionalInt.empty()), false);
        ModelConfig c = parse(dir.resolve("b1/config.pbtxt"));
        assertThat(c.getMaxBatchSize()).isZero();
        assertThat(c.getInput(0).getDimsList()).containsExactly(1L, 3L, 64L, 64L);
        assertThat(c.getOutput(0).getDimsList()).containsExactly(1L, 21L, 2L, 2L);
        assertThat(c.hasDynamicBatching()).isFalse();
        assertThat(dir.resolve("b1/labels.txt")).doesNotExist();
    }

    @Test
    void enginePlanRunsOnTheGpuWithItsProfileBatch() throws Exception {
        Path plan = Files.write(dir.resolve("tiny.plan"), new byte[] {1, 2, 3});
        ModelDescription engine = ModelDescription.ofEngine(plan,
                List.of(new TensorInfo("data", new long[] {-1, 3, 64, 64}, "float")),
                List.of(new TensorInfo("num_detections", new long[] {-1, 1}, "int32"),
                        new TensorInfo("boxes", new long[] {-1, 100, 4}, "float16")),
                Precision.FP16, 16, Map.of());
        ModelConfig c = TritonExporter.config(engine, new TritonExporter.Options("eng", OptionalInt.empty()));
        assertThat(c.getPlatform()).isEqualTo("tensorrt_plan");
        assertThat(c.getMaxBatchSize()).isEqualTo(16);
        assertThat(c.getOutput(0).getDataType()).isEqualTo(DataType.TYPE_INT32);
        assertThat(c.getOutput(1).getDataType()).isEqualTo(DataType.TYPE_FP16);
        assertThat(c.getInstanceGroupList()).extracting(ModelInstanceGroup::getKind).containsExactly(ModelInstanceGroup.Kind.KIND_GPU);
        assertThatThrownBy(() -> TritonExporter.config(engine, new TritonExporter.Options("eng", OptionalInt.of(32))))
                .hasMessageContaining("accepts batches of 1 to 16");

        TritonExporter.export(engine, Optional.empty(), dir.resolve("repo"), new TritonExporter.Options("eng", OptionalInt.empty()), false);
        assertThat(Files.readAllBytes(dir.resolve("repo/eng/1/model.plan"))).containsExactly(1, 2, 3);
    }

    @Test
    void theSchemaRejectsFieldsTritonDoesNotHave() {
        // guards the round trip above: a misspelt field must not parse
        assertThatThrownBy(() -> TextFormat.merge("name: \"x\"\nmax_batch: 4\n", ModelConfig.newBuilder()))
                .isInstanceOf(TextFormat.ParseException.class).hasMessageContaining("max_batch");
    }

    @Test
    void refusesToOverwriteWithoutForce() throws Exception {
        Path onnx = TinyDetectorOnnx.writeDetector(dir.resolve("tiny.onnx"), 0, TinyDetectorOnnx.spec(true, NmsKind.DEFAULT));
        ModelDescription model = OnnxModelReader.read(onnx);
        var options = new TritonExporter.Options("tiny", OptionalInt.empty());
        TritonExporter.export(model, Optional.empty(), dir.resolve("repo"), options, false);
        assertThatThrownBy(() -> TritonExporter.export(model, Optional.empty(), dir.resolve("repo"), options, false))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("config.pbtxt");
        assertThat(TritonExporter.export(model, Optional.empty(), dir.resolve("repo"), options, true)).hasSize(2);
    }
}
