package dev.trtpipe.etlt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Recognises a decrypted payload from its first bytes (docs/etlt.md §4). With a wrong key the
 * plaintext is uniformly random, so a few structural checks on the protobuf's first fields reject it with
 * near certainty; callers that go on to parse the model catch the rest.
 */
final class PayloadSniffer {

    /** How many plaintext bytes {@link #sniff} wants (fewer only when the payload is shorter). */
    static final int PREFIX_BYTES = 64;

    /** MetaGraph version 1, descriptor_core_version 1, then the first descriptor. */
    private static final byte[] UFF_MAGIC = {0x08, 0x01, 0x10, 0x01, 0x1a};
    private static final byte[] UFF_DESCRIPTOR = "tensorflow_extension".getBytes(StandardCharsets.US_ASCII);

    private static final int ONNX_MIN_IR = 3;
    private static final int ONNX_MAX_IR = 12;

    private PayloadSniffer() {
    }

    static Optional<PayloadKind> sniff(byte[] prefix) {
        if (isUff(prefix)) {
            return Optional.of(PayloadKind.UFF);
        }
        if (isOnnx(prefix)) {
            return Optional.of(PayloadKind.ONNX);
        }
        return Optional.empty();
    }

    private static boolean isUff(byte[] p) {
        return p.length >= UFF_MAGIC.length && Arrays.equals(p, 0, UFF_MAGIC.length, UFF_MAGIC, 0, UFF_MAGIC.length)
                && indexOf(p, UFF_DESCRIPTOR) >= 0;
    }

    /** {@code 08 <ir_version>} and then a plausible second ModelProto field. */
    private static boolean isOnnx(byte[] p) {
        if (p.length < 4 || p[0] != 0x08 || p[1] < ONNX_MIN_IR || p[1] > ONNX_MAX_IR) {
            return false;
        }
        int tag = p[2] & 0xff;
        return switch (tag) {
            // producer_name, producer_version, domain, doc_string: a length, then text
            case 0x12, 0x1a, 0x22, 0x32 -> isTextField(p, 3);
            // model_version (varint), graph, opset_import (length-delimited)
            case 0x28, 0x3a, 0x42 -> true;
            default -> false;
        };
    }

    private static boolean isTextField(byte[] p, int lengthAt) {
        int length = p[lengthAt] & 0xff;
        if (length >= 0x80) {
            return true; // a long doc_string; its bytes lie beyond a short prefix
        }
        int end = Math.min(p.length, lengthAt + 1 + length);
        for (int i = lengthAt + 1; i < end; i++) {
            int b = p[i] & 0xff;
            if (b < 0x20 || b == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
