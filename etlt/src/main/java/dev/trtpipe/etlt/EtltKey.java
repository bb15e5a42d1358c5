package dev.trtpipe.etlt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The key (password) an {@code .etlt} was exported with, and where it came from. A key can be given
 * literally or, to keep it out of shell history, as {@code env:NAME} or {@code file:PATH}. The key text
 * itself never appears in messages or {@link #toString()}; its {@link #source()} does.
 */
public final class EtltKey {

    /** The keys NGC's public models use (docs/etlt.md §6), for error messages. */
    public static final String NGC_KEYS_HINT = "NGC models use nvidia_tlt, tlt_encode or nvidia_tao";

    private final String password;
    private final String source;

    private EtltKey(String password, String source) {
        if (password.isEmpty()) {
            throw new IllegalArgumentException("empty key (" + source + "): pass the key the model was exported with; " + NGC_KEYS_HINT);
        }
        this.password = password;
        this.source = source;
    }

    /** A literal key. */
    public static EtltKey of(String password) {
        return new EtltKey(Objects.requireNonNull(password, "password"), "the key given");
    }

    /** Resolves {@code env:NAME}, {@code file:PATH} or a literal key. */
    public static EtltKey parse(String spec) throws IOException {
        return parse(spec, System::getenv);
    }

    static EtltKey parse(String spec, UnaryOperator<String> environment) throws IOException {
        if (spec.startsWith("env:")) {
            String name = spec.substring(4);
            String value = environment.apply(name);
            if (value == null) {
                throw new IllegalArgumentException("environment variable " + name + " is not set (key given as env:" + name + ")");
            }
            return new EtltKey(value.strip(), "the key in $" + name);
        }
        if (spec.startsWith("file:")) {
            Path file = Path.of(spec.substring(5));
            // a key file usually ends with a newline that is not part of the key
            return new EtltKey(Files.readString(file, StandardCharsets.UTF_8).strip(), "the key in " + file);
        }
        return new EtltKey(spec, "the key given");
    }

    /** Where the key came from, e.g. {@code the key in $NGC_KEY}; safe to print. */
    public String source() {
        return source;
    }

    /** The AES-256 key derived from this password (cached per password). */
    byte[] aesKey() {
        return KeyDerivation.aesKey(password);
    }

    @Override
    public String toString() {
        return source;
    }
}
