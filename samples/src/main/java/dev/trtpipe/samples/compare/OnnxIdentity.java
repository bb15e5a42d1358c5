package dev.trtpipe.samples.compare;

/**
 * Whether the TAO path built the very model the raw path built: the SHA-256 of the raw path's ONNX and of
 * the ONNX that tao-convert decrypted from the {@code .etlt}.
 */
public record OnnxIdentity(String rawOnnx, String rawSha256, String decryptedSha256, boolean identical) {

    static OnnxIdentity of(String rawOnnx, String rawSha256, String decryptedSha256) {
        return new OnnxIdentity(rawOnnx, rawSha256, decryptedSha256, rawSha256.equals(decryptedSha256));
    }
}
