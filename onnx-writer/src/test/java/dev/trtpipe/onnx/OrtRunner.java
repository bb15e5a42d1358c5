package dev.trtpipe.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs an ONNX model on CPU with ONNX Runtime and returns every output as a flat float array. */
final class OrtRunner {

    private OrtRunner() {
    }

    static Map<String, float[]> run(byte[] model, float[] input, long... inputDims) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // the reference is darknet's plain float32 arithmetic: no fused/approximate kernels
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT);
            try (OrtSession session = env.createSession(model, options);
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), inputDims);
                 OrtSession.Result result = session.run(Map.of("input", x))) {
                Map<String, float[]> out = new LinkedHashMap<>();
                for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : result) {
                    FloatBuffer b = ((OnnxTensor) e.getValue()).getFloatBuffer();
                    float[] values = new float[b.remaining()];
                    b.get(values);
                    out.put(e.getKey(), values);
                }
                return out;
            }
        }
    }
}
