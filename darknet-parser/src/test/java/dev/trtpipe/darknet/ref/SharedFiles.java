package dev.trtpipe.darknet.ref;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Paths into the read-only test material ({@code ../shared}, system property {@code trtpipe.shared}). */
public final class SharedFiles {

    private SharedFiles() {
    }

    public static Path root() {
        return Path.of(System.getProperty("trtpipe.shared", "../shared"));
    }

    public static Path resolve(String relative) {
        return root().resolve(relative);
    }

    /** Directories of {@code ref/mini/*}, sorted by name. */
    public static List<Path> miniFixtures() {
        try (Stream<Path> dirs = Files.list(resolve("ref/mini"))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code .cfg} under {@code models/darknet}, sorted. */
    public static List<Path> allCfgs() {
        try (Stream<Path> files = Files.walk(resolve("models/darknet"))) {
            return files.filter(p -> p.toString().endsWith(".cfg")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
