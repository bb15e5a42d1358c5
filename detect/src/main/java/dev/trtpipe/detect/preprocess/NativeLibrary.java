package dev.trtpipe.detect.preprocess;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code libtrtpipe_detect}, the optional native preprocessing kernels: the build puts it into the classes
 * (and so into the CLI jar) as {@code native/<os>-<arch>/libtrtpipe_detect.so} where it could compile it.
 * Loaded once, on first use, from a temporary copy (a library inside a jar cannot be mapped), which is
 * deleted as soon as it is mapped. Anything in the way — no library for this platform, a JVM or C library
 * it cannot link against, a temporary directory mounted {@code noexec} — leaves it unloaded and the Java
 * kernel in use; {@link #status()} says why. {@code -Dtrtpipe.native=false} or {@code TRTPIPE_NATIVE=0}
 * keep it from being loaded at all.
 */
final class NativeLibrary {

    static final String SWITCH_PROPERTY = "trtpipe.native";
    static final String SWITCH_ENV = "TRTPIPE_NATIVE";
    private static final String FILE_NAME = "libtrtpipe_detect.so";

    /** Whether the library is loaded, and a line saying which file or why not. */
    record Status(boolean loaded, String description) {
    }

    private NativeLibrary() {
    }

    /** Loads the library on the first call; later calls return the same outcome. */
    static Status status() {
        return Outcome.STATUS;
    }

    /** Why the property or environment value turns the library off, if it does ({@code false} or {@code 0}). */
    static Optional<String> switchedOff(String property, String env) {
        if (isOff(property)) {
            return Optional.of("turned off by -D" + SWITCH_PROPERTY + "=" + property);
        }
        if (isOff(env)) {
            return Optional.of("turned off by " + SWITCH_ENV + "=" + env);
        }
        return Optional.empty();
    }

    /** The build's name for this platform ({@code linux-x86_64}, {@code linux-aarch64}), if it builds for it. */
    static Optional<String> platform(String osName, String osArch) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        return switch (osArch) {
            case "amd64", "x86_64" -> Optional.of("linux-x86_64");
            case "aarch64", "arm64" -> Optional.of("linux-aarch64");
            default -> Optional.empty();
        };
    }

    /** Where the build puts the library for {@code platform} in the classes. */
    static String resource(String platform) {
        return "native/" + platform + "/" + FILE_NAME;
    }

    private static boolean isOff(String value) {
        return value != null && (value.trim().equalsIgnoreCase("false") || value.trim().equals("0"));
    }

    /** The one attempt to load, made when {@link #status()} is first called. */
    private static final class Outcome {
        static final Status STATUS = load();

        private static Status load() {
            Optional<String> off = switchedOff(System.getProperty(SWITCH_PROPERTY), System.getenv(SWITCH_ENV));
            if (off.isPresent()) {
                return new Status(false, off.get());
            }
            String os = System.getProperty("os.name");
            String arch = System.getProperty("os.arch");
            Optional<String> platform = platform(os, arch);
            if (platform.isEmpty()) {
                return new Status(false, "no native kernels are built for " + os + " " + arch);
            }
            String resource = resource(platform.get());
            try (InputStream in = NativeLibrary.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    return new Status(false, "not built into this jar (no " + resource + "; the build found no gcc or skipped it)");
                }
                load(in);
                return new Status(true, "loaded " + resource);
            } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
                return new Status(false, "could not load " + resource + " (" + e.getMessage() + ")");
            }
        }

        private static void load(InputStream library) throws IOException {
            Path copy = Files.createTempFile("libtrtpipe_detect", ".so");
            try {
                Files.copy(library, copy, StandardCopyOption.REPLACE_EXISTING);
                System.load(copy.toAbsolutePath().toString());
            } finally {
                try {
                    Files.deleteIfExists(copy); // mapped already, or never will be
                } catch (IOException e) {
                    copy.toFile().deleteOnExit();
                }
            }
        }
    }
}
