package dev.trtpipe.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.Optional;

/**
 * Class labels from a darknet {@code .names} file: one name per line, line i names class i. Trailing
 * blank lines and CR line ends are tolerated; an empty name inside is a mistake (a detection would be
 * drawn, and a DeepStream label written, without a name). Without a file, classes are labelled by number.
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

    /** Names given in memory, e.g. a TAO model's labels carried in its metadata. */
    public static ClassNames of(List<String> names) {
        return new ClassNames(names);
    }

    /**
     * Reads a names file and checks it against the model.
     *
     * @throws IOException              unreadable file
     * @throws IllegalArgumentException an empty file or name (with its line), or a different number of names
     *                                  than the model has classes
     */
    public static ClassNames load(Path file, int expectedClasses) throws IOException {
        ClassNames names = load(file);
        if (names.names.size() != expectedClasses) {
            throw new IllegalArgumentException(file + ": has " + names.names.size() + " names but the model has "
                    + expectedClasses + " classes; pass the names file the model was trained with");
        }
        return names;
    }

    /**
     * Reads a names file for a model that does not say how many classes it has.
     *
     * @throws IOException              unreadable file
     * @throws IllegalArgumentException an empty file, or an empty name (with its line)
     */
    public static ClassNames load(Path file) throws IOException {
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": is not a UTF-8 text file (binary data?); give the class names"
                    + " file, one name per line (e.g. coco.names)", e);
        }
        lines.replaceAll(String::strip);
        // darknet reads every line; a final newline does not start another one, trailing blank lines are noise
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + ": holds no class names; write one class name per line");
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": empty class name; write one class name per line");
            }
        }
        return new ClassNames(lines);
    }

    public String name(int classId) {
        return classId >= 0 && classId < names.size() ? names.get(classId) : "class " + classId;
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

    /** The number of names in {@code file}, or -1 where it is not a readable, valid names file. */
    private static int countNames(Path file) {
        try {
            return load(file).names.size();
        } catch (IOException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** The names read, class 0 first (empty for {@link #numbered()}). */
    public List<String> names() {
        return names;
    }
}
