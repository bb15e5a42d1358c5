package dev.trtpipe.uff;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs a translated model on the CPU with ONNX Runtime; every output as a flat float array. */
final class Ort {

    private Ort() {
    }

    static Map<String, float[]> run(byte[] model, Map<String, NaiveUffInterpreter.Tensor> inputs) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT);
            try (OrtSession session = env.createSession(model, options)) {
                Map<String, OnnxTensor> feeds = new HashMap<>();
                try {
                    for (var e : inputs.entrySet()) {
                        feeds.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue().data()), e.getValue().shape()));
                    }
                    try (OrtSession.Result result = session.run(feeds)) {
                        Map<String, float[]> out = new LinkedHashMap<>();
                        for (Map.Entry<String, OnnxValue> e : result) {
                            FloatBuffer b = ((OnnxTensor) e.getValue()).getFloatBuffer();
                            float[] values = new float[b.remaining()];
                            b.get(values);
                            out.put(e.getKey(), values);
                        }
                        return out;
                    }
                } finally {
                    feeds.values().forEach(OnnxTensor::close);
                }
            }
        }
    }

    /** Largest |a - b| relative to the largest |reference| (the "relative to each output's max"). */
    static double maxErrorRelativeToMax(float[] actual, float[] reference) {
        if (actual.length != reference.length) {
            throw new AssertionError("lengths differ: " + actual.length + " vs " + reference.length);
        }
        double max = 0, err = 0;
        for (int i = 0; i < reference.length; i++) {
            max = Math.max(max, Math.abs(reference[i]));
            err = Math.max(err, Math.abs(actual[i] - reference[i]));
        }
        return err / Math.max(max, 1e-30);
    }
}
