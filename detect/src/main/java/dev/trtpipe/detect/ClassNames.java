package dev.trtpipe.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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
        List<String> lines = readNames(file);
        if (lines.size() != expectedClasses) {
            throw new IllegalArgumentException(file + ": has " + lines.size() + " names but the model has "
                    + expectedClasses + " classes; pass the names file the model was trained with");
        }
        return new ClassNames(lines);
    }

    /**
     * The names file shipped beside a model, as darknet's model zoos do ({@code coco.names} next to the
     * cfg): the only {@code *.names} file in the model's directory with exactly {@code classes} names.
     */
    public static Optional<Path> besideModel(Path model, int classes) {
        Path dir = model.toAbsolutePath().getParent();
        if (dir == null) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> fitting = files.filter(f -> f.getFileName().toString().endsWith(".names") && Files.isRegularFile(f))
                    .filter(f -> countNames(f) == classes).toList();
            return fitting.size() == 1 ? Optional.of(model.resolveSibling(fitting.get(0).getFileName())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public String name(int classId) {
        return classId >= 0 && classId < names.size() ? names.get(classId) : "class " + classId;
    }

    private static List<String> readNames(Path file) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        // darknet reads every line; a final newline does not start another one, trailing blank lines are noise
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        lines.replaceAll(String::strip);
        return lines;
    }

    private static int countNames(Path file) {
        try {
            return readNames(file).size();
        } catch (IOException e) {
            return -1;
        }
    }
}
