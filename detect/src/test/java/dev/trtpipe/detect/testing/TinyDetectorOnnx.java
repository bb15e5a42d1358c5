package dev.trtpipe.detect.testing;

import static dev.trtpipe.detect.testing.OnnxProtos.floats;
import static dev.trtpipe.detect.testing.OnnxProtos.ints;
import static dev.trtpipe.detect.testing.OnnxProtos.model;
import static dev.trtpipe.detect.testing.OnnxProtos.node;
import static dev.trtpipe.detect.testing.OnnxProtos.value;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.DetectionSpec.Head;
import dev.trtpipe.darknet.DetectionSpec.HeadKind;
import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.onnx.proto.Onnx.GraphProto;
import dev.trtpipe.onnx.proto.Onnx.TensorProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Small ONNX detectors to deploy and export: a runnable two-head "YOLO" (3×64×64 input, AveragePool + 1×1
 * Conv per head, 2 classes, 3 anchors per head) carrying a darknet {@link DetectionSpec} in
 * {@code metadata_props}, and an I/O-only model with BatchedNMS-style outputs.
 */
public final class TinyDetectorOnnx {

    public static final int CLASSES = 2;
    public static final int HEAD_CHANNELS = 3 * (5 + CLASSES);

    private TinyDetectorOnnx() {
    }

    /** The spec the tiny detector carries. */
    public static DetectionSpec spec(boolean letterbox, NmsKind nms) {
        return new DetectionSpec(64, 64, 3, letterbox, nms, 0.6f, List.of(
                new Head(3, HeadKind.YOLO, "yolo_3", 2, 2, CLASSES, new float[] {81, 82, 135, 169, 344, 319}, 1.05f, false),
                new Head(6, HeadKind.YOLO, "yolo_6", 4, 4, CLASSES, new float[] {10, 14, 23, 27, 37, 58}, 1.05f, false)));
    }

    /** Writes the tiny detector; {@code batch} 0 gives a symbolic batch dimension {@code N}. */
    public static Path writeDetector(Path file, int batch, DetectionSpec spec) throws IOException {
        GraphProto.Builder g = GraphProto.newBuilder().setName("tiny_yolo")
                .addInput(value("data", OnnxProtos.FLOAT, batch(batch), 3L, 64L, 64L));
        addHead(g, "yolo_3", 32, batch, 2);
        addHead(g, "yolo_6", 16, batch, 4);
        return Files.write(file, model(g.build(), spec.toMetadata()));
    }

    /**
     * Writes a model with only graph I/O (no nodes, not runnable) whose outputs look like
     * {@code BatchedNMS_TRT}'s: count int32 (N,1), boxes (N,100,4), scores and classes (N,100).
     */
    public static Path writeBatchedNmsIo(Path file, TensorProto.DataType classesType) throws IOException {
        int f = OnnxProtos.FLOAT;
        GraphProto g = GraphProto.newBuilder().setName("nms_io")
                .addInput(value("Input", f, null, 3L, 384L, 1248L))
                .addOutput(value("num_detections", TensorProto.DataType.INT32_VALUE, null, 1L))
                .addOutput(value("nmsed_boxes", f, null, 100L, 4L))
                .addOutput(value("nmsed_scores", f, null, 100L))
                .addOutput(value("nmsed_classes", classesType.getNumber(), null, 100L))
                .build();
        return Files.write(file, model(g, Map.of()));
    }

    private static void addHead(GraphProto.Builder g, String name, int stride, int batch, int grid) {
        String pooled = name + "_pool";
        String weight = name + "_w";
        g.addNode(node("AveragePool", pooled, List.of("data"), pooled)
                .addAttribute(ints("kernel_shape", stride, stride)).addAttribute(ints("strides", stride, stride)));
        float[] w = new float[HEAD_CHANNELS * 3];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 7 - 3) * 0.25f;
        }
        g.addInitializer(floats(weight, w, HEAD_CHANNELS, 3, 1, 1));
        g.addNode(node("Conv", name, List.of(pooled, weight), name));
        g.addOutput(value(name, OnnxProtos.FLOAT, batch(batch), (long) HEAD_CHANNELS, (long) grid, (long) grid));
    }

    /** {@code batch} 0 means the symbolic dimension {@code N}. */
    private static Long batch(int batch) {
        return batch == 0 ? null : (long) batch;
    }

    /** Writes the tiny detector into a directory: {@code tiny-yolo.onnx} (dynamic batch, letterbox) and {@code tiny.names}. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "."));
        writeDetector(dir.resolve("tiny-yolo.onnx"), 0, spec(true, NmsKind.DEFAULT));
        Files.writeString(dir.resolve("tiny.names"), "cat\ndog\n");
        System.out.println("wrote " + dir.resolve("tiny-yolo.onnx") + " and " + dir.resolve("tiny.names"));
    }
}
