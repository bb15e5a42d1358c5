package dev.trtpipe.api;

import dev.trtpipe.darknet.io.AtomicFile;
import dev.trtpipe.etlt.EtltFile;
import dev.trtpipe.etlt.EtltKey;
import dev.trtpipe.etlt.ModelInspector;
import dev.trtpipe.etlt.ModelSummary;
import dev.trtpipe.etlt.Plaintext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * TAO/TLT {@code .etlt} models in one call: the decrypted payload (ONNX or UFF), or what it declares.
 *
 * <p>A key is the password the model was exported with ({@code nvidia_tlt}, {@code tlt_encode} or
 * {@code nvidia_tao} for NGC's models), or {@code env:NAME} / {@code file:PATH} to read it from an
 * environment variable or a file. The key never appears in messages; where it came from does.
 *
 * <pre>{@code
 * ModelSummary lpd = Etlt.inspect(Path.of("usa_pruned.etlt"), "nvidia_tlt");
 * lpd.inputs().forEach(System.out::println);
 * }</pre>
 */
public final class Etlt {

    private Etlt() {
    }

    /**
     * Decrypts the model into memory.
     *
     * @param etlt the {@code .etlt} file
     * @param key  the key, literally or as {@code env:NAME} / {@code file:PATH}
     * @return the payload, its kind recognised from its content
     * @throws dev.trtpipe.etlt.WrongKeyException   the key does not decrypt this file
     * @throws dev.trtpipe.etlt.EtltFormatException the file is not an {@code .etlt} (the message says why)
     * @throws IOException                          the file cannot be read, or the payload is over 2 GiB
     * @throws IllegalArgumentException             an empty key, or an {@code env:} variable that is not set
     */
    public static DecryptedModel decrypt(Path etlt, String key) throws IOException {
        try (Plaintext plain = open(etlt, key)) {
            if (plain.size() > Integer.MAX_VALUE - 8) {
                throw new IOException(etlt + ": the payload has " + plain.size() + " bytes, too many for memory;"
                        + " decrypt it to a file instead");
            }
            byte[] bytes = plain.inputStream().readNBytes((int) plain.size());
            if (bytes.length != plain.size()) {
                throw new IOException(etlt + ": the payload ended after " + bytes.length + " of " + plain.size() + " bytes");
            }
            return new DecryptedModel(etlt, plain.kind(), bytes, plain.headerMismatch());
        }
    }

    /**
     * Decrypts the model into a file, which appears only once the whole payload is written.
     *
     * @param etlt the {@code .etlt} file
     * @param key  the key, literally or as {@code env:NAME} / {@code file:PATH}
     * @param out  the file to write (an ONNX or UFF model, see the result's kind)
     * @return what was written
     * @throws dev.trtpipe.etlt.WrongKeyException   the key does not decrypt this file
     * @throws dev.trtpipe.etlt.EtltFormatException the file is not an {@code .etlt}
     * @throws IOException                          a file cannot be read or written
     * @throws IllegalArgumentException             an empty key, or an {@code env:} variable that is not set
     */
    public static DecryptedFile decrypt(Path etlt, String key, Path out) throws IOException {
        Objects.requireNonNull(out, "out");
        try (Plaintext plain = open(etlt, key)) {
            AtomicFile.write(out, temporary -> {
                long written = plain.transferTo(temporary);
                if (written != plain.size()) {
                    throw new IOException(etlt + ": the payload ended after " + written + " of " + plain.size() + " bytes");
                }
            });
            return new DecryptedFile(out, plain.kind(), Files.size(out), plain.headerMismatch());
        }
    }

    /**
     * Reads what the decrypted model declares: inputs, outputs, operations, plugins. Nothing is written.
     *
     * @param etlt the {@code .etlt} file
     * @param key  the key, literally or as {@code env:NAME} / {@code file:PATH}
     * @return the model's summary
     * @throws dev.trtpipe.etlt.WrongKeyException   the key does not decrypt this file
     * @throws IOException                          the file cannot be read, or the payload does not parse
     * @throws IllegalArgumentException             an empty key, or an {@code env:} variable that is not set
     */
    public static ModelSummary inspect(Path etlt, String key) throws IOException {
        try (Plaintext plain = open(etlt, key)) {
            return ModelInspector.inspect(plain);
        }
    }

    private static Plaintext open(Path etlt, String key) throws IOException {
        Objects.requireNonNull(etlt, "etlt");
        Objects.requireNonNull(key, "key");
        return EtltFile.read(etlt).decrypt(EtltKey.parse(key));
    }
}
