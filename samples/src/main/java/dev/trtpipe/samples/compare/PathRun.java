package dev.trtpipe.samples.compare;

import java.util.List;
import java.util.Optional;

/**
 * One path's steps and the outputs its last step computed.
 *
 * @param runtime         what ran the inference ({@code TensorRT engine}, {@code ONNX Runtime (CPU)})
 * @param decryptedSha256 the SHA-256 of the ONNX that tao-convert decrypted (TAO path only)
 */
record PathRun(List<Step> steps, String runtime, Execution execution, Optional<String> decryptedSha256) {

    PathRun {
        steps = List.copyOf(steps);
    }
}
