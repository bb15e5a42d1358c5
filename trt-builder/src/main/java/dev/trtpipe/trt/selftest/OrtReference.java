package dev.trtpipe.trt.selftest;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ONNX Runtime on the CPU as the reference the TensorRT outputs are compared with. (The detect
 * module's ONNX Runtime backend can replace this once both are merged.)
 */
public final class OrtReference {

    private OrtReference() {
    }

    /** Runs {@code onnx} on one input and returns every output, flattened, by name. */
    public static Map<String, float[]> run(byte[] onnx, String inputName, float[] input, long[] shape) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(onnx, options);
             OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            Map<String, float[]> outputs = new LinkedHashMap<>();
            for (Map.Entry<String, OnnxValue> e : result) {
                FloatBuffer b = ((OnnxTensor) e.getValue()).getFloatBuffer();
                float[] values = new float[b.remaining()];
                b.get(values);
                outputs.put(e.getKey(), values);
            }
            return outputs;
        }
    }
}
