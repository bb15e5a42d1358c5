package dev.trtpipe.etlt;

import dev.trtpipe.darknet.io.AtomicFile;
import dev.trtpipe.uff.UffGraph;
import dev.trtpipe.uff.UffToOnnx;
import dev.trtpipe.uff.UffTranslationOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ONNX model of an {@code .etlt}, written to a file: what {@code trtpipe etlt2onnx} does. An ONNX
 * payload is decrypted as is; a UFF payload (or a bare {@code .uff} file) is translated to ONNX
 * ({@link UffToOnnx}). The file appears only after the whole model decrypted and parsed or translated.
 */
public final class OnnxExtraction {

    private OnnxExtraction() {
    }

    /**
     * What was written.
     *
     * @param kind     the payload: ONNX (decrypted as is) or UFF (translated)
     * @param warnings header/payload mismatch
     * @param notes    translation notes (plugin successors)
     */
    public record Result(PayloadKind kind, List<String> warnings, List<String> notes) {
    }

    /**
     * @throws WrongKeyException if the key does not decrypt the file
     * @throws IOException       for an unreadable file or a UFF graph that cannot be translated (one line, nothing written)
     */
    public static Result extract(Path etlt, EtltKey key, Path onnx) throws IOException {
        return extract(etlt, key, onnx, UffTranslationOptions.defaults());
    }

    /** As {@link #extract(Path, EtltKey, Path)}, translating a UFF payload with {@code options} (e.g. the plain-ONNX NMS). */
    public static Result extract(Path etlt, EtltKey key, Path onnx, UffTranslationOptions options) throws IOException {
        try (Plaintext plain = EtltFile.read(etlt).decrypt(key)) {
            List<String> warnings = new ArrayList<>();
            plain.headerMismatch().ifPresent(warnings::add);
            if (plain.kind() == PayloadKind.UFF) {
                return new Result(PayloadKind.UFF, warnings, translate(UffPayload.read(plain), onnx, options));
            }
            AtomicFile.write(onnx, temporary -> {
                plain.transferTo(temporary);
                OnnxPayload.read(temporary, etlt.toString()); // a full parse before the file gets its name
            });
            return new Result(PayloadKind.ONNX, warnings, List.of());
        }
    }

    /** A bare (unencrypted) {@code .uff} file translated to ONNX. */
    public static Result translateBareUff(Path uff, Path onnx) throws IOException {
        return translateBareUff(uff, onnx, UffTranslationOptions.defaults());
    }

    public static Result translateBareUff(Path uff, Path onnx, UffTranslationOptions options) throws IOException {
        return new Result(PayloadKind.UFF, List.of(), translate(UffPayload.readBare(uff), onnx, options));
    }

    private static List<String> translate(UffGraph graph, Path onnx, UffTranslationOptions options) throws IOException {
        UffToOnnx.Result result = UffToOnnx.standard().translate(graph, options);
        result.write(onnx);
        return result.notes();
    }
}
