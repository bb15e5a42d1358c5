package dev.trtpipe.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Class labels, one per line as in darknet's {@code .names} files (line i names class i). Without a
 * file, classes are labelled by number.
 */
public final class ClassNames {

    private final List<String> names;

    private ClassNames(List<String> names) {
        this.names = List.copyOf(names);
    }

    /** Numbered labels ({@code class 0}, {@code class 1}, …) for a model whose names are unknown. */
    public static ClassNames numbered() {
        return new ClassNames(List.of());
    }

    /**
     * Reads a names file and checks it against the model.
     *
     * @throws IOException              unreadable file
     * @throws IllegalArgumentException the file has a different number of names than the model has classes
     */
    public static ClassNames load(Path file, int expectedClasses) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        // darknet reads every line; a final newline does not start another one, trailing blank lines are noise
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        lines.replaceAll(String::strip);
        if (lines.size() != expectedClasses) {
            throw new IllegalArgumentException(file + ": has " + lines.size() + " names but the model has "
                    + expectedClasses + " classes; pass the names file the model was trained with");
        }
        return new ClassNames(lines);
    }

    public String name(int classId) {
        return classId >= 0 && classId < names.size() ? names.get(classId) : "class " + classId;
    }
}
