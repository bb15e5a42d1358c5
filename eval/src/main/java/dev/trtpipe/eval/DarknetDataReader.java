package dev.trtpipe.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * darknet's own dataset, as {@code darknet detector map} reads it: a {@code .data} file ({@code valid=} list
 * of images, {@code names=}, optional {@code difficult=} list parallel to {@code valid}), or a list file of
 * image paths with the names given separately. Each image's labels are the YOLO {@code .txt} darknet's
 * {@code replace_image_to_label} finds ({@code /images/} and {@code /JPEGImages/} become {@code /labels/},
 * the extension becomes {@code .txt}): lines of {@code class x y w h}, centre and size relative to the image.
 *
 * <p>Image ids are list positions from 1. Relative paths in list files resolve against the working
 * directory, as in darknet, and then against the list's own folder.
 */
public final class DarknetDataReader {

    private static final String[] IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp"};

    private DarknetDataReader() {
    }

    /** Reads a {@code .data} file. */
    public static Dataset readData(Path dataFile, Problems problems) throws IOException {
        Map<String, String> options = new HashMap<>();
        List<String> lines = Files.readAllLines(dataFile, StandardCharsets.UTF_8);
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.strip().startsWith("#")) {
                options.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        String valid = options.get("valid");
        String names = options.get("names");
        if (valid == null || names == null) {
            throw new IllegalArgumentException(dataFile + ": needs valid= and names= lines (darknet's .data format)");
        }
        Path base = dataFile.toAbsolutePath().getParent();
        Path difficult = options.containsKey("difficult") ? resolve(base, options.get("difficult")) : null;
        return readList(resolve(base, valid), readNames(resolve(base, names)), difficult, problems);
    }

    /**
     * darknet's names file: one class per line. (detect's {@code ClassNames} reads the same format, but this
     * module stays free of detect and its ONNX Runtime dependency.)
     */
    public static List<String> readNames(Path namesFile) throws IOException {
        List<String> names = new ArrayList<>(Files.readAllLines(namesFile, StandardCharsets.UTF_8).stream().map(String::strip).toList());
        while (!names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
            names.remove(names.size() - 1);
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException(namesFile + ": holds no class names; write one class name per line");
        }
        return names;
    }

    /**
     * @param difficult a list parallel to {@code list} whose labels are darknet's "difficult" boxes, or null
     */
    public static Dataset readList(Path list, List<String> names, Path difficult, Problems problems) throws IOException {
        List<Path> images = paths(list);
        List<Path> difficultImages = difficult == null ? List.of() : paths(difficult);
        if (difficult != null && difficultImages.size() != images.size()) {
            throw new IllegalArgumentException(difficult + ": lists " + difficultImages.size() + " images but " + list + " lists "
                    + images.size() + "; darknet pairs them line by line");
        }
        List<Category> categories = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            categories.add(new Category(i, names.get(i)));
        }
        List<ImageInfo> infos = new ArrayList<>();
        List<Annotation> annotations = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Path image = images.get(i);
            int[] size;
            try {
                size = ImageSize.of(image);
            } catch (IOException e) {
                problems.report("unreadable image", list + ":" + (i + 1) + ": " + image + ": " + e.getMessage() + "; image left out");
                continue;
            }
            long id = i + 1;
            infos.add(new ImageInfo(id, image.toString(), size[0], size[1]));
            readLabels(labelFile(image), id, size, names.size(), false, annotations, problems);
            if (difficult != null) {
                readLabels(labelFile(difficultImages.get(i)), id, size, names.size(), true, annotations, problems);
            }
        }
        return new Dataset(list.toString(), infos, categories, annotations);
    }

    /** darknet's {@code replace_image_to_label}. */
    static Path labelFile(Path image) {
        String s = image.toString().replace("/images/", "/labels/").replace("/JPEGImages/", "/labels/");
        String lower = s.toLowerCase(Locale.ROOT);
        for (String ext : IMAGE_EXTENSIONS) {
            if (lower.endsWith(ext)) {
                return Path.of(s.substring(0, s.length() - ext.length()) + ".txt");
            }
        }
        return Path.of(s + ".txt");
    }

    private static void readLabels(Path labels, long imageId, int[] size, int classes, boolean difficult, List<Annotation> out,
                                   Problems problems) throws IOException {
        if (!Files.isRegularFile(labels)) {
            problems.report("missing label file", labels + ": no such label file; the image counts as having no objects"
                    + " (as in darknet)");
            return;
        }
        List<String> lines = Files.readAllLines(labels, StandardCharsets.UTF_8);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = labels + ":" + (n + 1) + ": ";
            String[] f = line.split("\\s+");
            int id;
            float x, y, w, h;
            try {
                if (f.length < 5) {
                    throw new NumberFormatException();
                }
                id = Integer.parseInt(f[0]);
                x = Float.parseFloat(f[1]);
                y = Float.parseFloat(f[2]);
                w = Float.parseFloat(f[3]);
                h = Float.parseFloat(f[4]);
            } catch (NumberFormatException e) {
                problems.report("malformed label line", where + "'" + line + "' is not 'class x y w h'; line skipped");
                continue;
            }
            if (id < 0 || id >= classes) {
                problems.report("class id beyond the names", where + "class id " + id + " is beyond the " + classes
                        + " class names; line skipped");
                continue;
            }
            // darknet's calc_anchors check: centre in (0, 1], size in (0, 1]; and the box must not leave the image
            float eps = 1e-4f;
            if (!(x > 0 && x <= 1 && y > 0 && y <= 1 && w > 0 && w <= 1 && h > 0 && h <= 1)
                    || x - w / 2 < -eps || x + w / 2 > 1 + eps || y - h / 2 < -eps || y + h / 2 > 1 + eps) {
                problems.report("box outside the image", where + "box " + x + " " + y + " " + w + " " + h
                        + " reaches outside the image (YOLO boxes are centre and size in 0..1); line skipped");
                continue;
            }
            double pw = (double) w * size[0];
            double ph = (double) h * size[1];
            out.add(new Annotation(out.size() + 1, imageId, id, (x - w / 2.0) * size[0], (y - h / 2.0) * size[1], pw, ph, pw * ph,
                    false, difficult));
        }
    }

    private static List<Path> paths(Path list) throws IOException {
        Path base = list.toAbsolutePath().getParent();
        List<Path> paths = new ArrayList<>();
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            String s = line.strip();
            if (!s.isEmpty()) {
                paths.add(resolve(base, s));
            }
        }
        return paths;
    }

    /** As given when it exists (darknet resolves against the working directory), else beside the referring file. */
    private static Path resolve(Path base, String path) {
        Path p = Path.of(path);
        return p.isAbsolute() || Files.exists(p) || base == null ? p : base.resolve(p);
    }
}
