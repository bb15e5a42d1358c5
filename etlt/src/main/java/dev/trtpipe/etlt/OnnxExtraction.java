package dev.trtpipe.etlt;

import dev.trtpipe.darknet.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The ONNX model inside an {@code .etlt}, written to a file: what {@code trtpipe etlt2onnx} does. The
 * file appears only after the whole model decrypted and parsed as ONNX.
 */
public final class OnnxExtraction {

    private OnnxExtraction() {
    }

    /**
     * @return the header/payload mismatch warning, if the header disagrees with the payload
     * @throws WrongKeyException if the key does not decrypt the file
     * @throws IOException       for a UFF payload (there is no ONNX model to extract) or an unreadable file
     */
    public static Optional<String> extract(Path etlt, EtltKey key, Path onnx) throws IOException {
        try (Plaintext plain = EtltFile.read(etlt).decrypt(key)) {
            if (plain.kind() == PayloadKind.UFF) {
                throw new IOException(etlt + " holds a UFF graph, not ONNX, so there is no ONNX model to extract (and TensorRT 9+"
                        + " cannot build UFF); 'trtpipe inspect-etlt' shows its inputs and outputs; use NGC's ONNX re-export of the model");
            }
            AtomicFile.write(onnx, temporary -> {
                plain.transferTo(temporary);
                OnnxPayload.read(temporary, etlt.toString()); // a full parse before the file gets its name
            });
            return plain.headerMismatch();
        }
    }
}
