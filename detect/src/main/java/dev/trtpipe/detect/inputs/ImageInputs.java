package dev.trtpipe.detect.inputs;

import dev.trtpipe.detect.SettingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns what a user names on the command line into image files, in a stable order: a file as it is;
 * a directory's images ({@link #IMAGE_EXTENSIONS}, by name; with {@code recursive} its subfolders' too);
 * a glob such as {@code photos/*.jpg} or {@code 'archive/**.png'} (matches by path); and {@code @list.txt},
 * darknet's {@code valid=} list format: one path per line, relative to the working directory, blank
 * lines and {@code #} comments skipped.
 *
 * <p>A file named explicitly is kept even when it does not exist or is no image: loading it fails later
 * with its own message, counted as one failed input. A directory or glob that yields nothing is an error
 * (the run would otherwise succeed on nothing).
 */
public final class ImageInputs {

    /** Extensions a directory or glob contributes (lower case); ImageIO decodes these. */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    private ImageInputs() {
    }

    /**
     * @param inputs    files, directories, globs and {@code @lists}, as typed
     * @param recursive whether directories contribute their subfolders' images
     * @throws IllegalArgumentException one line naming the input that yields nothing (or an unreadable list) and the fix
     */
    public static List<Path> expand(List<String> inputs, boolean recursive) {
        return locate(inputs, recursive).stream().map(InputImage::file).toList();
    }

    /**
     * As {@link #expand}, with each image's path below the directory or glob folder it was found in (its file name
     * when named itself or in a list), for outputs that mirror the input's subfolders.
     */
    public static List<InputImage> locate(List<String> inputs, boolean recursive) {
        List<InputImage> images = new ArrayList<>();
        for (String input : inputs) {
            images.addAll(expandOne(input, recursive));
        }
        return images;
    }

    private static List<InputImage> expandOne(String input, boolean recursive) {
        if (input.startsWith("@")) {
            return readList(Path.of(input.substring(1))).stream().map(InputImage::named).toList();
        }
        Path path = Path.of(input);
        if (Files.isDirectory(path)) {
            return directory(path, recursive).stream().map(f -> InputImage.under(path, f)).toList();
        }
        if (!Files.exists(path) && isGlob(input)) {
            Path base = globBase(input);
            return glob(input, base).stream().map(f -> InputImage.under(base, f)).toList();
        }
        return List.of(InputImage.named(path));
    }

    /** darknet's list files: one image path per line. */
    private static List<Path> readList(Path list) {
        List<String> lines;
        try {
            lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(list + ": no such list file; @FILE names a text file with one image path per line");
        } catch (IOException e) {
            throw new IllegalArgumentException(list + ": cannot read the list (" + e.getMessage() + "); @FILE names a text file with"
                    + " one image path per line");
        }
        List<Path> files = new ArrayList<>();
        for (String line : lines) {
            String entry = line.strip();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                files.add(Path.of(entry));
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(list + ": the list names no image; write one image path per line");
        }
        return files;
    }

    private static List<Path> directory(Path dir, boolean recursive) {
        List<Path> images = walk(dir, recursive ? Integer.MAX_VALUE : 1, ImageInputs::isImageFile);
        if (images.isEmpty()) {
            boolean deeper = !recursive && !walk(dir, Integer.MAX_VALUE, ImageInputs::isImageFile).isEmpty();
            throw new SettingException(dir + ": no images (" + String.join(", ", sortedExtensions()) + ") in this directory"
                    + (deeper ? "; its subfolders have some: add {RECURSIVE}" : "; point at a folder of images, or name the files"));
        }
        return images;
    }

    /** The folders before the first wildcard: {@code photos} of {@code photos/**.jpg}, empty for {@code *.jpg}. */
    private static Path globBase(String pattern) {
        String normalized = pattern.replace('\\', '/');
        int cut = normalized.lastIndexOf('/', firstWildcard(normalized));
        return cut < 0 ? Path.of("") : Path.of(cut == 0 ? "/" : normalized.substring(0, cut));
    }

    /** The part before the first wildcard ({@code base}) is walked; the whole pattern is matched against each path under it. */
    private static List<Path> glob(String pattern, Path base) {
        String normalized = pattern.replace('\\', '/');
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + normalized);
        List<Path> matches = Files.isDirectory(base.toString().isEmpty() ? Path.of(".") : base)
                ? walk(base, Integer.MAX_VALUE, p -> matcher.matches(p) && isImageFile(p)) : List.of();
        if (matches.isEmpty()) {
            throw new IllegalArgumentException(pattern + ": the pattern matches no image file; check it (quote it so the"
                    + " shell passes it unexpanded, use ** to match across folders)");
        }
        return matches;
    }

    /** Regular files under {@code dir} accepted by {@code keep}, sorted by path; hidden ones skipped. */
    private static List<Path> walk(Path dir, int depth, java.util.function.Predicate<Path> keep) {
        Path root = dir.toString().isEmpty() ? Path.of(".") : dir;
        try (Stream<Path> paths = Files.walk(root, depth)) {
            return paths.map(p -> dir.toString().isEmpty() ? root.relativize(p) : p)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile).filter(keep).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(dir + ": cannot list the directory (" + e.getMessage() + "); check its permissions");
        }
    }

    static boolean isGlob(String text) {
        return firstWildcard(text) < text.length();
    }

    private static int firstWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            if ("*?[{".indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    static boolean isImageFile(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static List<String> sortedExtensions() {
        return IMAGE_EXTENSIONS.stream().map(e -> "." + e).sorted().toList();
    }
}
