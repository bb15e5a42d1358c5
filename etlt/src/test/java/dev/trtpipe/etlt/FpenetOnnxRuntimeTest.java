package dev.trtpipe.etlt;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decrypted FPENet is a model ONNX Runtime accepts and runs: outputs shaped as docs/etlt.md §9.3
 * documents ({@code [N,80,2]}, {@code [N,80]}, {@code [N,80,80,80]}), all finite.
 */
class FpenetOnnxRuntimeTest {

    private static final int BATCH = 2;
    private static final int SIDE = 80;

    @TempDir
    Path dir;

    @Test
    void runsOnTheCpuWithTheDocumentedOutputShapes() throws IOException, OrtException {
        Path onnx = dir.resolve("fpenet.onnx");
        try (Plaintext plain = EtltFile.read(Shared.ONNX_ETLT).decrypt(EtltKey.of(Shared.NGC_KEY))) {
            plain.transferTo(onnx);
        }

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(onnx.toString(), options);
             OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(faces()), new long[] {BATCH, 1, SIDE, SIDE});
             OrtSession.Result result = session.run(Map.of("input_face_images", input))) {

            assertThat(session.getOutputInfo().keySet()).containsExactly("softargmax", "softargmax:1", "conv_keypoints_m80");
            // a soft-argmax is a probability-weighted mean of pixel coordinates, so keypoints lie on the 80×80 grid
            assertOutput(result, "softargmax", 0, SIDE - 1, BATCH, 80, 2);
            // its second output is a per-keypoint confidence (a softmax value)
            assertOutput(result, "softargmax:1", 0, 1, BATCH, 80);
            assertOutput(result, "conv_keypoints_m80", Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, BATCH, 80, 80, 80);
        }
    }

    /** Shape as documented, every value finite and within [low, high]. */
    private static void assertOutput(OrtSession.Result result, String name, float low, float high, long... shape) throws OrtException {
        OnnxTensor tensor = (OnnxTensor) result.get(name).orElseThrow();
        assertThat(tensor.getInfo().getShape()).as(name + " shape").containsExactly(shape);
        FloatBuffer values = tensor.getFloatBuffer();
        int bad = 0;
        while (values.hasRemaining()) {
            float v = values.get();
            if (!Float.isFinite(v) || v < low || v > high) {
                bad++;
            }
        }
        assertThat(bad).as(name + " values that are not finite or outside [" + low + ", " + high + "]").isZero();
    }

    /** Two fixed grey 80×80 "images" in FPENet's raw 0…255 range: a radial blob and a diagonal ramp. */
    private static float[] faces() {
        float[] pixels = new float[BATCH * SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double r = Math.hypot(x - 40, y - 36);
                pixels[y * SIDE + x] = (float) Math.max(0, 230 - 4 * r);
                pixels[SIDE * SIDE + y * SIDE + x] = (x + y) * 255f / (2 * (SIDE - 1));
            }
        }
        return pixels;
    }
}
