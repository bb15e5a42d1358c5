package dev.trtpipe.exporters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.testing.TinyDetectorOnnx;
import dev.trtpipe.trt.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsIoBatchAndDetectionSpec() throws Exception {
        DetectionSpec spec = TinyDetectorOnnx.spec(true, NmsKind.GREEDYNMS);
        ModelDescription m = OnnxModelReader.read(TinyDetectorOnnx.writeDetector(dir.resolve("t.onnx"), 0, spec));

        assertThat(m.format()).isEqualTo(ModelFormat.ONNX);
        assertThat(m.precision()).isEqualTo(Precision.FP32);
        assertThat(m.inputs()).containsExactly(new dev.trtpipe.detect.TensorInfo("data", new long[] {-1, 3, 64, 64}, "float"));
        assertThat(m.outputs()).extracting(dev.trtpipe.detect.TensorInfo::name).containsExactly("yolo_3", "yolo_6");
        assertThat(m.dynamicBatch()).isTrue();
        assertThat(m.maxBatch()).isEqualTo(ModelDescription.UNBOUNDED_BATCH);
        assertThat(m.detection()).contains(spec);
    }

    @Test
    void fixedBatchIsTheMaximum() throws Exception {
        ModelDescription m = OnnxModelReader.read(TinyDetectorOnnx.writeDetector(dir.resolve("t.onnx"), 2,
                TinyDetectorOnnx.spec(false, NmsKind.DEFAULT)));
        assertThat(m.dynamicBatch()).isFalse();
        assertThat(m.maxBatch()).isEqualTo(2);
    }

    /** ONNX Runtime, an independent reader, sees the same inputs and outputs (initializers excluded). */
    @Test
    void agreesWithOnnxRuntimeOnTheGraphIo() throws Exception {
        Path onnx = TinyDetectorOnnx.writeDetector(dir.resolve("t.onnx"), 0, TinyDetectorOnnx.spec(true, NmsKind.DEFAULT));
        ModelDescription m = OnnxModelReader.read(onnx);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(onnx.toString(), opts)) {
            assertIoEquals(session.getInputInfo(), m.inputs());
            assertIoEquals(session.getOutputInfo(), m.outputs());
            assertThat(session.getMetadata().getCustomMetadata()).containsAllEntriesOf(m.metadata());
        }
    }

    private static void assertIoEquals(Map<String, NodeInfo> ort, java.util.List<dev.trtpipe.detect.TensorInfo> ours) {
        assertThat(ort.keySet()).containsExactlyElementsOf(ours.stream().map(dev.trtpipe.detect.TensorInfo::name).toList());
        for (dev.trtpipe.detect.TensorInfo t : ours) {
            TensorInfo info = (TensorInfo) ort.get(t.name()).getInfo();
            assertThat(info.getShape()).as(t.name()).containsExactly(t.shape());
        }
    }

    @Test
    void garbageIsNotAnOnnxModel() throws Exception {
        Path notOnnx = Files.write(dir.resolve("yolov4.cfg"), "[net]\nwidth=416\n".getBytes());
        assertThatThrownBy(() -> OnnxModelReader.read(notOnnx))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(notOnnx.toString())
                .hasMessageContaining("not an ONNX model");
    }

    @Test
    void malformedDarknetMetadataNamesTheFileAndKey() throws Exception {
        Path onnx = TinyDetectorOnnx.writeDetector(dir.resolve("t.onnx"), 0, TinyDetectorOnnx.spec(true, NmsKind.DEFAULT));
        var model = dev.trtpipe.onnx.proto.Onnx.ModelProto.parseFrom(Files.readAllBytes(onnx)).toBuilder();
        model.getMetadataPropsBuilderList().stream().filter(p -> p.getKey().equals("darknet.head.1.grid"))
                .forEach(p -> p.setValue("4by4"));
        Files.write(onnx, model.build().toByteArray());
        assertThatThrownBy(() -> OnnxModelReader.read(onnx))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(onnx.toString())
                .hasMessageContaining("4by4");
    }
}
