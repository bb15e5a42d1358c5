package dev.trtpipe.detect.onnxrt;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.SettingIOException;
import dev.trtpipe.detect.TensorInfo;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an ONNX model on the CPU with ONNX Runtime. The model must have one NCHW float input; its
 * {@code metadata_props} are the backend's {@link #metadata()}. {@link #infer} may be called from
 * several threads (ONNX Runtime sessions allow concurrent runs).
 */
public final class OnnxRuntimeBackend implements InferenceBackend {

    private final String source;
    private final OrtSession session;
    private final TensorInfo input;
    private final List<TensorInfo> outputs;
    private final Map<String, String> metadata;

    private OnnxRuntimeBackend(String source, OrtSession session) throws IOException {
        this.source = source;
        this.session = session;
        try {
            this.input = singleNchwFloatInput(source, session.getInputInfo());
            List<TensorInfo> outs = new ArrayList<>();
            for (NodeInfo node : session.getOutputInfo().values()) {
                outs.add(describe(source, node));
            }
            this.outputs = List.copyOf(outs);
            this.metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
        } catch (OrtException e) {
            throw new IOException(source + ": ONNX Runtime cannot describe the model: " + oneLine(e), e);
        }
    }

    /** Loads {@code model} with the runtime's default thread count. */
    public static OnnxRuntimeBackend open(Path model) throws IOException {
        return open(model, 0);
    }

    /** @param threads intra-op threads; 0 = ONNX Runtime's default (one per core) */
    public static OnnxRuntimeBackend open(Path model, int threads) throws IOException {
        String source = model.toString();
        return create(source, threads, (env, options) -> env.createSession(source, options));
    }

    /** Loads a model held in memory; {@code name} labels it in messages. */
    public static OnnxRuntimeBackend fromBytes(byte[] model, String name, int threads) throws IOException {
        return create(name, threads, (env, options) -> env.createSession(model, options));
    }

    private interface SessionFactory {
        OrtSession create(OrtEnvironment env, OrtSession.SessionOptions options) throws OrtException;
    }

    private static OnnxRuntimeBackend create(String source, int threads, SessionFactory factory) throws IOException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            session = factory.create(env, options);
        } catch (OrtException e) {
            String hint = oneLine(e).contains("trt.plugins:")
                    ? "it contains a TensorRT plugin node, only TensorRT runs it; re-export with {NMS_PLUGIN} onnx"
                            + " (or {HEAD} decode) to run it here"
                    : "check that it is a complete ONNX model file";
            throw new SettingIOException(source + ": ONNX Runtime cannot load it (" + oneLine(e) + "); " + hint, e);
        }
        try {
            return new OnnxRuntimeBackend(source, session);
        } catch (IOException | RuntimeException e) {
            closeQuietly(session, e);
            throw e;
        }
    }

    @Override
    public String name() {
        return "onnxruntime-cpu";
    }

    @Override
    public TensorInfo input() {
        return input;
    }

    @Override
    public List<TensorInfo> outputs() {
        return outputs;
    }

    @Override
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public Map<String, float[]> infer(float[] data, long[] shape) throws IOException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
             OrtSession.Result result = session.run(Map.of(input.name(), tensor))) {
            Map<String, float[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, OnnxValue> e : result) {
                out.put(e.getKey(), toFloats(e.getKey(), e.getValue()));
            }
            return out;
        } catch (OrtException e) {
            throw new IOException(source + ": ONNX Runtime failed on an input of shape "
                    + Arrays.toString(shape) + ": " + oneLine(e), e);
        }
    }

    /** Float outputs as they are; integer ones (in-graph NMS counts and class ids) widened, exact below 2²⁴. */
    private float[] toFloats(String name, OnnxValue value) throws IOException {
        if (value instanceof OnnxTensor t) {
            OnnxTensorType type = t.getInfo().onnxType;
            if (isFloatLike(type)) {
                FloatBuffer buffer = t.getFloatBuffer();
                float[] values = new float[buffer.remaining()];
                buffer.get(values);
                return values;
            }
            if (type == OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32) {
                IntBuffer buffer = t.getIntBuffer();
                float[] values = new float[buffer.remaining()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = buffer.get(i);
                }
                return values;
            }
            if (type == OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64) {
                LongBuffer buffer = t.getLongBuffer();
                float[] values = new float[buffer.remaining()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = buffer.get(i);
                }
                return values;
            }
        }
        throw new IOException(source + ": output '" + name + "' is not a float or integer tensor (" + value.getInfo()
                + "); detect reads float heads and integer NMS counts and classes");
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(source + ": closing the ONNX Runtime session failed: " + oneLine(e), e);
        }
    }

    private static TensorInfo singleNchwFloatInput(String source, Map<String, NodeInfo> inputs) throws IOException {
        if (inputs.size() != 1) {
            throw new IOException(source + ": has " + inputs.size() + " inputs " + inputs.keySet()
                    + "; trtpipe detect needs exactly one image input (N, 3, H, W) of type float");
        }
        TensorInfo in = describe(source, inputs.values().iterator().next());
        // the channel count is the detector's to check against the model's spec; the GPU self-test runs grey models too
        if (!in.dataType().equals("float") || in.shape().length != 4) {
            throw new IOException(source + ": input is " + in + "; trtpipe detect needs one NCHW float32 image input"
                    + " (N, 3, H, W) — re-export the model with a float NCHW input");
        }
        return in;
    }

    private static TensorInfo describe(String source, NodeInfo node) throws IOException {
        Optional<TensorInfo> tensor = SessionTensors.describe(node);
        if (tensor.isEmpty()) {
            throw new IOException(source + ": '" + node.getName() + "' is not a tensor (" + node.getInfo()
                    + "); trtpipe detect handles tensor inputs and outputs only");
        }
        return tensor.get();
    }

    private static boolean isFloatLike(OnnxTensorType type) {
        return type == OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT
                || type == OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16
                || type == OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_BFLOAT16;
    }

    private static void closeQuietly(OrtSession session, Exception primary) {
        try {
            session.close();
        } catch (OrtException e) {
            primary.addSuppressed(e);
        }
    }

    private static String oneLine(Exception e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return msg.replaceAll("\\s*\\R\\s*", " ");
    }
}
