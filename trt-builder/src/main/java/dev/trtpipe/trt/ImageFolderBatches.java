package dev.trtpipe.trt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Calibration batches from a folder of images (jpg, jpeg, png, bmp; sorted by name, not recursive),
 * each turned into a tensor by a caller-supplied function. A last partial batch is dropped: TensorRT's
 * calibrator works on full batches only.
 */
public final class ImageFolderBatches implements CalibrationBatches {

    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp");

    private final List<Path> images;
    private final int batchSize;
    private final int itemSize;
    private final Function<Path, float[]> toTensor;
    private int nextImage;

    /**
     * @param folder      the images
     * @param batchSize   images per batch
     * @param maxBatches  upper bound on batches (0: as many as the folder fills)
     * @param itemSize    C·H·W, the length {@code toTensor} must return
     * @param toTensor    one image to its CHW tensor; may throw {@link UncheckedIOException}
     */
    public ImageFolderBatches(Path folder, int batchSize, int maxBatches, int itemSize, Function<Path, float[]> toTensor)
            throws IOException {
        List<Path> all = list(folder);
        if (all.size() < batchSize) {
            throw new IllegalArgumentException(folder + ": INT8 calibration needs at least one batch of " + batchSize
                    + " images (jpg, png, bmp), found " + all.size() + "; add images like the ones the model will see");
        }
        int batches = all.size() / batchSize;
        if (maxBatches > 0) {
            batches = Math.min(batches, maxBatches);
        }
        this.images = all.subList(0, batches * batchSize);
        this.batchSize = batchSize;
        this.itemSize = itemSize;
        this.toTensor = toTensor;
    }

    /** The calibration images in {@code folder}, sorted by name. */
    public static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new BuildSettingException(BuildSettingException.Setting.CALIBRATION_IMAGES,
                    folder + ": calibration image folder does not exist");
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> EXTENSIONS.stream().anyMatch(e -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(e)))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int batchCount() {
        return images.size() / batchSize;
    }

    @Override
    public Optional<float[]> next() throws IOException {
        if (nextImage + batchSize > images.size()) {
            return Optional.empty();
        }
        float[] batch = new float[batchSize * itemSize];
        for (int i = 0; i < batchSize; i++, nextImage++) {
            Path image = images.get(nextImage);
            float[] item;
            try {
                item = toTensor.apply(image);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            if (item.length != itemSize) {
                throw new IllegalArgumentException(image + ": preprocessing gave " + item.length + " values, the network input needs "
                        + itemSize + " (C*H*W)");
            }
            System.arraycopy(item, 0, batch, i * itemSize, itemSize);
        }
        return Optional.of(batch);
    }
}
