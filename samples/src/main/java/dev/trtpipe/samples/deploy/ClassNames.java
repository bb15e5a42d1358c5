package dev.trtpipe.samples.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A darknet {@code .names} file: one class name per line, class 0 first. */
public final class ClassNames {

    private ClassNames() {
    }

    /**
     * Reads the names; trailing blank lines and CR line ends are tolerated.
     *
     * @param expected the model's class count, or 0 when the model does not say
     * @throws IllegalArgumentException naming the file and line of an empty name, or the count mismatch
     */
    public static List<String> read(Path names, int expected) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(names, StandardCharsets.UTF_8));
        lines.replaceAll(String::strip);
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                throw new IllegalArgumentException(names + " line " + (i + 1) + " is empty: write one class name per line");
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(names + " holds no class names: write one class name per line");
        }
        if (expected > 0 && lines.size() != expected) {
            throw new IllegalArgumentException(names + " has " + lines.size() + " names but the model detects "
                    + expected + " classes; pass the .names file the model was trained with");
        }
        return List.copyOf(lines);
    }
}
