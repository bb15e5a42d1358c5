package dev.trtpipe.detect.inputs;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One image an input named, and where it sits under what was named: its path below the directory (or a glob's
 * fixed leading folder) it was found in, or just its file name when it was named itself or in a list. Outputs
 * written per image mirror {@code relative}, so that {@code a/dog.jpg} and {@code b/dog.jpg} of one folder get
 * reports of their own.
 */
public record InputImage(Path file, Path relative) {

    public InputImage {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(relative, "relative");
        if (relative.isAbsolute() || relative.normalize().startsWith("..")) {
            throw new IllegalArgumentException("relative path must stay below its root, got " + relative);
        }
    }

    /** An image named by itself (a file argument, a list entry): it keeps only its name. */
    static InputImage named(Path file) {
        Path name = file.getFileName();
        return new InputImage(file, name == null ? file : name);
    }

    /** An image found under {@code root}. */
    static InputImage under(Path root, Path file) {
        return new InputImage(file, root.toString().isEmpty() ? file : root.relativize(file));
    }
}
