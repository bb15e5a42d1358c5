package dev.trtpipe.samples.deploy;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.DetectionSpec.Head;
import dev.trtpipe.darknet.DetectionSpec.HeadKind;
import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.onnx.proto.Onnx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small ONNX models to export from, built with the ONNX proto classes: a runnable two-head "YOLO"
 * (3×64×64 input, AveragePool + 1×1 Conv per head, 2 classes, 3 anchors per head) carrying a darknet
 * {@link DetectionSpec} in {@code metadata_props}, and an I/O-only model with BatchedNMS-style outputs.
 */
public final class TinyDetectorOnnx {

    static final int CLASSES = 2;
    static final int HEAD_CHANNELS = 3 * (5 + CLASSES);

    private TinyDetectorOnnx() {
    }

    /** The spec the tiny detector carries. */
    public static DetectionSpec spec(boolean letterbox, NmsKind nms) {
        return new DetectionSpec(64, 64, 3, letterbox, nms, 0.6f, java.util.List.of(
                new Head(3, HeadKind.YOLO, "yolo_3", 2, 2, CLASSES, new float[] {81, 82, 135, 169, 344, 319}, 1.05f, false),
                new Head(6, HeadKind.YOLO, "yolo_6", 4, 4, CLASSES, new float[] {10, 14, 23, 27, 37, 58}, 1.05f, false)));
    }

    /** Writes the tiny detector; {@code batch} 0 gives a symbolic batch dimension {@code N}. */
    public static Path writeDetector(Path file, int batch, DetectionSpec spec) throws IOException {
        Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder().setName("tiny_yolo");
        g.addInput(valueInfo("data", Onnx.TensorProto.DataType.FLOAT, batch, 3, 64, 64));
        addHead(g, "yolo_3", 32, batch, 2);
        addHead(g, "yolo_6", 16, batch, 4);
        Onnx.ModelProto.Builder m = Onnx.ModelProto.newBuilder()
                .setIrVersion(7).setProducerName("trtpipe-test")
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(g);
        spec.toMetadata().forEach((k, v) -> m.addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        Files.write(file, m.build().toByteArray());
        return file;
    }

    /**
     * Writes a model with only graph I/O (no nodes, not runnable) whose outputs look like
     * {@code BatchedNMS_TRT}'s: count int32 (N,1), boxes (N,100,4), scores and classes (N,100).
     */
    public static Path writeBatchedNmsIo(Path file, Onnx.TensorProto.DataType classesType) throws IOException {
        Onnx.GraphProto.Builder g = Onnx.GraphProto.newBuilder().setName("nms_io")
                .addInput(valueInfo("Input", Onnx.TensorProto.DataType.FLOAT, 0, 3, 384, 1248))
                .addOutput(valueInfo("num_detections", Onnx.TensorProto.DataType.INT32, 0, 1))
                .addOutput(valueInfo("nmsed_boxes", Onnx.TensorProto.DataType.FLOAT, 0, 100, 4))
                .addOutput(valueInfo("nmsed_scores", Onnx.TensorProto.DataType.FLOAT, 0, 100))
                .addOutput(valueInfo("nmsed_classes", classesType, 0, 100));
        Onnx.ModelProto m = Onnx.ModelProto.newBuilder().setIrVersion(7)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(g).build();
        Files.write(file, m.toByteArray());
        return file;
    }

    private static void addHead(Onnx.GraphProto.Builder g, String name, int stride, int batch, int grid) {
        String pooled = name + "_pool";
        String weight = name + "_w";
        g.addNode(Onnx.NodeProto.newBuilder().setOpType("AveragePool").setName(pooled)
                .addInput("data").addOutput(pooled)
                .addAttribute(ints("kernel_shape", stride, stride)).addAttribute(ints("strides", stride, stride)));
        float[] w = new float[HEAD_CHANNELS * 3];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 7 - 3) * 0.25f;
        }
        Onnx.TensorProto.Builder init = Onnx.TensorProto.newBuilder().setName(weight)
                .setDataType(Onnx.TensorProto.DataType.FLOAT_VALUE).addDims(HEAD_CHANNELS).addDims(3).addDims(1).addDims(1);
        for (float v : w) {
            init.addFloatData(v);
        }
        g.addInitializer(init);
        g.addNode(Onnx.NodeProto.newBuilder().setOpType("Conv").setName(name).addInput(pooled).addInput(weight).addOutput(name));
        g.addOutput(valueInfo(name, Onnx.TensorProto.DataType.FLOAT, batch, HEAD_CHANNELS, grid, grid));
    }

    private static Onnx.AttributeProto ints(String name, long... values) {
        Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name)
                .setType(Onnx.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    /** {@code batch} 0 means the symbolic dimension {@code N}. */
    private static Onnx.ValueInfoProto valueInfo(String name, Onnx.TensorProto.DataType type, int batch, long... rest) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        shape.addDim(batch == 0 ? Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                : Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(batch));
        for (long d : rest) {
            shape.addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name).setType(Onnx.TypeProto.newBuilder()
                .setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }

    /** Writes the tiny detector into a directory: {@code tiny-yolo.onnx} (dynamic batch, letterbox) and {@code tiny.names}. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "."));
        writeDetector(dir.resolve("tiny-yolo.onnx"), 0, spec(true, NmsKind.DEFAULT));
        Files.writeString(dir.resolve("tiny.names"), "cat\ndog\n");
        System.out.println("wrote " + dir.resolve("tiny-yolo.onnx") + " and " + dir.resolve("tiny.names"));
    }
}
