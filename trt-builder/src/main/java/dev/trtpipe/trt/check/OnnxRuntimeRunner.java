package dev.trtpipe.trt.check;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.detect.onnxrt.SessionTensors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ONNX Runtime on the CPU, any number of inputs of any type {@link ElementType} covers: the reference of a check. */
public final class OnnxRuntimeRunner implements CheckRunner {

    private final String source;
    private final OrtSession session;
    private final List<TensorInfo> inputs;
    private final List<TensorInfo> outputs;

    private OnnxRuntimeRunner(String source, OrtSession session) throws IOException {
        this.source = source;
        this.session = session;
        try {
            this.inputs = describe(session.getInputInfo());
            this.outputs = describe(session.getOutputInfo());
        } catch (OrtException e) {
            throw new IOException(source + ": ONNX Runtime cannot describe the model: " + oneLine(e), e);
        }
    }

    public static OnnxRuntimeRunner open(Path model) throws IOException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            session = env.createSession(model.toString(), options);
        } catch (OrtException e) {
            throw new IOException(model + ": ONNX Runtime cannot load it (" + oneLine(e) + "); check that it is a complete ONNX model"
                    + " without TensorRT plugin nodes", e);
        }
        try {
            return new OnnxRuntimeRunner(model.toString(), session);
        } catch (IOException | RuntimeException e) {
            try {
                session.close();
            } catch (OrtException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public String name() {
        return "onnxruntime-cpu";
    }

    @Override
    public List<TensorInfo> inputs() {
        return inputs;
    }

    @Override
    public List<TensorInfo> outputs() {
        return outputs;
    }

    @Override
    public Map<String, TensorData> run(Map<String, TensorData> given) throws IOException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> feed = new LinkedHashMap<>();
        try {
            for (TensorInfo in : inputs) {
                TensorData data = given.get(in.name());
                if (data == null) {
                    throw new IllegalArgumentException(source + ": input '" + in.name() + "' was not given");
                }
                TensorData typed = data.as(ElementType.fromOnnxName(in.dataType(), source + ": input '" + in.name() + "'"));
                ByteBuffer direct = ByteBuffer.allocateDirect(typed.bytes().length).order(ByteOrder.nativeOrder());
                direct.put(typed.buffer().order(ByteOrder.LITTLE_ENDIAN)).rewind();
                feed.put(in.name(), OnnxTensor.createTensor(env, direct, typed.shape(), javaType(typed.type())));
            }
            try (OrtSession.Result result = session.run(feed)) {
                Map<String, TensorData> out = new LinkedHashMap<>();
                for (Map.Entry<String, OnnxValue> e : result) {
                    out.put(e.getKey(), toTensorData(e.getKey(), e.getValue()));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IOException(source + ": ONNX Runtime failed on inputs " + shapes(given) + ": " + oneLine(e), e);
        } finally {
            feed.values().forEach(OnnxTensor::close);
        }
    }

    private TensorData toTensorData(String name, OnnxValue value) {
        if (!(value instanceof OnnxTensor t)) {
            throw new IllegalArgumentException(source + ": output '" + name + "' is not a tensor (" + value.getInfo() + ")");
        }
        ElementType type = ElementType.fromOnnxName(SessionTensors.typeName(t.getInfo().onnxType), source + ": output '" + name + "'");
        // ONNX Runtime's copy is in the host's order; TensorData is little-endian, the order of every host ONNX Runtime ships for
        ByteBuffer values = t.getByteBuffer();
        byte[] bytes = new byte[values.remaining()];
        values.get(bytes);
        return new TensorData(type, t.getInfo().getShape(), bytes);
    }

    private static OnnxJavaType javaType(ElementType type) {
        return switch (type) {
            case FLOAT -> OnnxJavaType.FLOAT;
            case FLOAT16 -> OnnxJavaType.FLOAT16;
            case DOUBLE -> OnnxJavaType.DOUBLE;
            case INT8 -> OnnxJavaType.INT8;
            case UINT8 -> OnnxJavaType.UINT8;
            case INT32 -> OnnxJavaType.INT32;
            case INT64 -> OnnxJavaType.INT64;
            case BOOL -> OnnxJavaType.BOOL;
        };
    }

    private List<TensorInfo> describe(Map<String, NodeInfo> nodes) {
        List<TensorInfo> infos = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            infos.add(SessionTensors.describe(node).orElseThrow(() -> new IllegalArgumentException(source + ": '"
                    + node.getName() + "' is not a tensor (" + node.getInfo() + "); check compares tensor inputs and outputs only")));
        }
        return List.copyOf(infos);
    }

    static String shapes(Map<String, TensorData> tensors) {
        StringBuilder sb = new StringBuilder();
        tensors.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IOException(source + ": closing the ONNX Runtime session failed: " + oneLine(e), e);
        }
    }

    private static String oneLine(Exception e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return msg.replaceAll("\\s*\\R\\s*", " ");
    }
}
