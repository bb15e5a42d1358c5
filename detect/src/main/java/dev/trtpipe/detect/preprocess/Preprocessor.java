package dev.trtpipe.detect.preprocess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * darknet's input preparation for one network size: {@code resize_image} (stretch) or
 * {@code letterbox_image} (keep aspect, centre on 0.5 grey), as planar RGB float in [0, 1] — no mean,
 * no std. Bit-exact with darknet for the same decoded pixels. Thread-safe.
 *
 * <p>The resize plan of the last image size is kept (a camera or a dataset repeats its size), and large
 * outputs are resized in bands of rows on the common fork-join pool: the result is the same value for
 * value, only sooner. The resize runs in native code where the native library is available
 * ({@link ResizeImplementation#preferred()}), in Java otherwise; {@link #using} picks one.
 */
public final class Preprocessor {

    /** The letterbox canvas value. */
    public static final float LETTERBOX_FILL = 0.5f;

    private static final int MIN_BAND_ROWS = 128;

    private final int netWidth;
    private final int netHeight;
    private final boolean letterbox;
    private final boolean parallel;
    private final ResizeImplementation implementation;
    private final ResizeKernel kernel;
    /** The last geometry's resize plan: immutable, so a stale read only costs recomputing it. */
    private volatile DarknetResize lastPlan;

    public Preprocessor(int netWidth, int netHeight, boolean letterbox) {
        this(netWidth, netHeight, letterbox, true, ResizeImplementation.preferred());
    }

    private Preprocessor(int netWidth, int netHeight, boolean letterbox, boolean parallel, ResizeImplementation implementation) {
        if (netWidth <= 0 || netHeight <= 0) {
            throw new IllegalArgumentException("network input size must be positive, got " + netWidth + "x" + netHeight);
        }
        this.netWidth = netWidth;
        this.netHeight = netHeight;
        this.letterbox = letterbox;
        this.parallel = parallel;
        this.implementation = implementation;
        this.kernel = implementation.kernel();
    }

    /** The same preparation on the calling thread only (e.g. when every core already runs its own detector). */
    public Preprocessor sequential() {
        return new Preprocessor(netWidth, netHeight, letterbox, false, implementation);
    }

    /**
     * The same preparation with another resize implementation (same values; for comparing their speed).
     *
     * @throws IllegalStateException it is not available here; {@link ResizeImplementation#nativeStatus()} says why
     */
    public Preprocessor using(ResizeImplementation implementation) {
        return new Preprocessor(netWidth, netHeight, letterbox, parallel, Objects.requireNonNull(implementation, "implementation"));
    }

    /** Which code resizes, e.g. for timing output. */
    public ResizeImplementation implementation() {
        return implementation;
    }

    public int netWidth() {
        return netWidth;
    }

    public int netHeight() {
        return netHeight;
    }

    public boolean letterbox() {
        return letterbox;
    }

    /** Floats per image: 3 · netHeight · netWidth. */
    public int tensorSize() {
        return 3 * netWidth * netHeight;
    }

    public ImagePlacement placement(int imageWidth, int imageHeight) {
        return ImagePlacement.of(imageWidth, imageHeight, netWidth, netHeight, letterbox);
    }

    /** One image as a CHW tensor (3, netHeight, netWidth). */
    public float[] toTensor(RgbImage image) {
        float[] out = new float[tensorSize()];
        write(image, out, 0);
        return out;
    }

    /**
     * Writes one image's CHW tensor into {@code dst} at {@code offset} (item i of an NCHW batch is at
     * {@code i · tensorSize()}).
     *
     * @return where the image lies in the input, for mapping boxes back
     */
    public ImagePlacement write(RgbImage image, float[] dst, int offset) {
        ImagePlacement p = placement(image.width(), image.height());
        if (p.letterbox()) {
            fillBorder(dst, offset, p);
        }
        DarknetResize plan = plan(image, p);
        ResizeTarget target = new ResizeTarget(dst, offset, netWidth, netHeight, p.offsetX(), p.offsetY());
        int bands = parallel ? bands(p.scaledHeight()) : 1;
        if (bands == 1) {
            plan.resizeRows(image, target, 0, p.scaledHeight());
        } else {
            List<ForkJoinTask<?>> tasks = new ArrayList<>(bands);
            for (int b = 0; b < bands; b++) {
                int from = p.scaledHeight() * b / bands;
                int to = p.scaledHeight() * (b + 1) / bands;
                tasks.add(ForkJoinTask.adapt(() -> plan.resizeRows(image, target, from, to)));
            }
            ForkJoinTask.invokeAll(tasks);
        }
        return p;
    }

    /**
     * An NCHW batch of {@code batchSize} items: the images first, zeros after them (for models with a
     * fixed batch larger than the number of images).
     */
    public float[] toBatch(List<RgbImage> images, int batchSize) {
        if (images.size() > batchSize) {
            throw new IllegalArgumentException(images.size() + " images do not fit a batch of " + batchSize);
        }
        float[] batch = new float[batchSize * tensorSize()];
        for (int i = 0; i < images.size(); i++) {
            write(images.get(i), batch, i * tensorSize());
        }
        return batch;
    }

    private DarknetResize plan(RgbImage image, ImagePlacement p) {
        DarknetResize plan = lastPlan;
        if (plan == null || !plan.fits(image.width(), image.height(), p.scaledWidth(), p.scaledHeight())) {
            plan = new DarknetResize(image.width(), image.height(), p.scaledWidth(), p.scaledHeight(), kernel);
            lastPlan = plan;
        }
        return plan;
    }

    /**
     * Row bands to resize in parallel: one per core of the common pool (and the caller), none smaller than
     * {@value #MIN_BAND_ROWS} rows — below that the hand-off costs more than it saves.
     */
    private static int bands(int rows) {
        return Math.max(1, Math.min(ForkJoinPool.getCommonPoolParallelism() + 1, rows / MIN_BAND_ROWS));
    }

    /** The grey canvas around a letterboxed image (only the border: the image overwrites the rest). */
    private void fillBorder(float[] dst, int offset, ImagePlacement p) {
        int left = p.offsetX();
        int right = left + p.scaledWidth();
        int top = p.offsetY();
        int bottom = top + p.scaledHeight();
        for (int c = 0; c < 3; c++) {
            int plane = offset + c * netWidth * netHeight;
            Arrays.fill(dst, plane, plane + top * netWidth, LETTERBOX_FILL);
            Arrays.fill(dst, plane + bottom * netWidth, plane + netHeight * netWidth, LETTERBOX_FILL);
            for (int y = top; y < bottom; y++) {
                int row = plane + y * netWidth;
                Arrays.fill(dst, row, row + left, LETTERBOX_FILL);
                Arrays.fill(dst, row + right, row + netWidth, LETTERBOX_FILL);
            }
        }
    }
}
