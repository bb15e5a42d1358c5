package dev.trtpipe.trt;

import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.Preprocessor;
import dev.trtpipe.detect.preprocess.ResizeImplementation;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The GPU preprocessing against the Java resize kernel, value for value: images of awkward sizes (1-pixel
 * sides, strong downscales, upscales, extreme aspect ratios that letterbox to a 1- or 2-pixel band) and
 * optionally a photo, each letterboxed and resized into a square and a non-square input. The images of one
 * input size and mode go through the kernel as one batch, so every item's offset in the upload and in the
 * output is exercised too. A row passes when no float differs in a single bit.
 *
 * <p>The kernel is a parameter: on the GPU machine {@code GpuPreprocessing::prepare}, in the unit tests a
 * CPU emulation of the CUDA code.
 */
public final class GpuPreprocessCheck {

    /** Makes darknet's NCHW input for a batch of images, as {@code GpuPreprocessing.prepare} does. */
    @FunctionalInterface
    public interface Kernel {
        float[] prepare(List<RgbImage> images, List<ImagePlacement> placements, int netWidth, int netHeight);
    }

    /** One image into one input size and mode. */
    public record Case(String image, RgbImage pixels, int netWidth, int netHeight, boolean letterbox) {
    }

    /** How one case came out: {@code differing} of {@code values} floats not bit-identical, the first of them if any. */
    public record Row(Case c, int scaledWidth, int scaledHeight, long values, long differing, Optional<String> firstDifference) {
        public boolean passed() {
            return differing == 0;
        }
    }

    /** Awkward sizes (width, height): 1-pixel sides, up- and downscales, extreme aspect ratios, one off the input size. */
    static final int[][] SIZES = {{1, 1}, {1, 9}, {9, 1}, {2, 2}, {7, 5}, {3000, 17}, {13, 2500}, {1237, 2011}, {417, 415}, {640, 480}};
    /** Input sizes (width, height): Yolo-Fastest's 416 square and a non-square one. */
    static final int[][] NETS = {{416, 416}, {320, 192}};

    private GpuPreprocessCheck() {
    }

    /** Every {@link #SIZES} image of seeded noise, plus {@code photo} when given, into every {@link #NETS} size, letterboxed and resized. */
    public static List<Case> cases(Optional<RgbImage> photo, String photoName) {
        List<String> names = new ArrayList<>();
        List<RgbImage> images = new ArrayList<>();
        for (int[] size : SIZES) {
            names.add(size[0] + "x" + size[1] + " noise");
            images.add(noise(size[0], size[1]));
        }
        photo.ifPresent(p -> {
            names.add(photoName);
            images.add(p);
        });
        List<Case> cases = new ArrayList<>();
        for (int[] net : NETS) {
            for (boolean letterbox : new boolean[] {true, false}) {
                for (int i = 0; i < images.size(); i++) {
                    cases.add(new Case(names.get(i), images.get(i), net[0], net[1], letterbox));
                }
            }
        }
        return cases;
    }

    /** Seeded uniform bytes: every pixel value occurs, neighbours differ, so a wrong tap shows. */
    public static RgbImage noise(int width, int height) {
        byte[] planes = new byte[3 * width * height];
        new SplittableRandom(31L * width + height).nextBytes(planes);
        return RgbImage.ofPlanes(width, height, planes);
    }

    /** Runs {@code kernel} on the cases, one batch per input size and mode, and compares each item with the Java kernel. */
    public static List<Row> run(List<Case> cases, Kernel kernel) {
        Map<String, List<Case>> batches = new LinkedHashMap<>();
        for (Case c : cases) {
            batches.computeIfAbsent(c.netWidth() + "x" + c.netHeight() + (c.letterbox() ? " letterbox" : " resize"), k -> new ArrayList<>()).add(c);
        }
        List<Row> rows = new ArrayList<>();
        for (List<Case> batch : batches.values()) {
            Case first = batch.get(0);
            Preprocessor reference = new Preprocessor(first.netWidth(), first.netHeight(), first.letterbox())
                    .using(ResizeImplementation.JAVA).sequential();
            List<RgbImage> images = batch.stream().map(Case::pixels).toList();
            List<ImagePlacement> placements = images.stream().map(im -> reference.placement(im.width(), im.height())).toList();
            float[] expected = reference.toBatch(images, images.size());
            float[] actual = kernel.prepare(images, placements, first.netWidth(), first.netHeight());
            int size = reference.tensorSize();
            if (actual.length != expected.length) {
                throw new IllegalStateException("the kernel returned " + actual.length + " floats for " + images.size() + " items of " + size);
            }
            for (int item = 0; item < batch.size(); item++) {
                rows.add(compare(batch.get(item), placements.get(item), expected, actual, item * size, size));
            }
        }
        return rows;
    }

    private static Row compare(Case c, ImagePlacement p, float[] expected, float[] actual, int from, int size) {
        long differing = 0;
        Optional<String> first = Optional.empty();
        for (int i = from; i < from + size; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                if (differing++ == 0) {
                    int k = i - from;
                    int plane = c.netWidth() * c.netHeight();
                    first = Optional.of(String.format(Locale.ROOT, "c%d y%d x%d: %s, Java %s", k / plane, k % plane / c.netWidth(),
                            k % c.netWidth(), Float.toString(actual[i]), Float.toString(expected[i])));
                }
            }
        }
        return new Row(c, p.scaledWidth(), p.scaledHeight(), size, differing, first);
    }

    /** The rows as a Markdown table and a verdict line. */
    public static String table(List<Row> rows, String kernelName) {
        StringBuilder sb = new StringBuilder("| image | input | mode | placed as | values | differing bits vs the Java kernel |\n")
                .append("|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %dx%d | %s | %dx%d | %d | %s |%n", r.c().image(), r.c().netWidth(), r.c().netHeight(),
                    r.c().letterbox() ? "letterbox" : "resize", r.scaledWidth(), r.scaledHeight(), r.values(),
                    r.passed() ? "0" : r.differing() + " (first " + r.firstDifference().orElse("") + ")"));
        }
        long failed = rows.stream().filter(r -> !r.passed()).count();
        sb.append(String.format(Locale.ROOT, "%n%s: %s (%d of %d cases bit-identical)%n", kernelName, failed == 0 ? "PASS" : "FAIL",
                rows.size() - failed, rows.size()));
        return sb.toString();
    }
}
