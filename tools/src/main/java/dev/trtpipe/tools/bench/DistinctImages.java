package dev.trtpipe.tools.bench;

import dev.trtpipe.detect.DetectionPool.LabeledImage;
import dev.trtpipe.detect.preprocess.PixelMemory;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The images a pooled run of {@code bench-detect --batches} cycles through: distinct copies of the decoded
 * image, each with one byte changed, together larger than a CPU's last-level cache. One object submitted
 * over and over would stay in cache, and copying it (into pinned memory, into the float tensor) would look
 * cheaper than it is for a folder or a video, where every image comes from DRAM.
 *
 * <p>Owns its copies: {@link #close()} gives them back to the memory they were made in.
 */
final class DistinctImages implements AutoCloseable {

    /** Together at least this many bytes of planes: more than any CPU's last-level cache today. */
    static final long MIN_TOTAL_BYTES = 256L << 20;
    /** At most this many copies (tiny images), unless two batches need more. */
    static final int MAX_COPIES = 1024;

    private final List<RgbImage> copies;
    private final List<List<LabeledImage>> batches = new ArrayList<>();
    private int next;

    private DistinctImages(List<RgbImage> copies, String source, int batch) {
        this.copies = copies;
        for (int from = 0; from < copies.size(); from += batch) {
            batches.add(copies.subList(from, from + batch).stream().map(im -> new LabeledImage(source, im)).toList());
        }
    }

    /**
     * How many copies: two batches at least, enough for {@link #MIN_TOTAL_BYTES} up to {@link #MAX_COPIES},
     * rounded up to whole batches.
     */
    static int count(int batch, long imageBytes) {
        long forCache = Math.min(MAX_COPIES, (MIN_TOTAL_BYTES + imageBytes - 1) / imageBytes);
        long copies = Math.max(2L * batch, forCache);
        return Math.toIntExact((copies + batch - 1) / batch * batch);
    }

    /** {@link #count} copies of {@code image} in {@code memory}, copy k with byte k (mod the image's size) changed. */
    static DistinctImages of(RgbImage image, String source, int batch, PixelMemory memory) {
        int bytes = 3 * image.width() * image.height();
        int n = count(batch, bytes);
        byte[] planes = new byte[bytes];
        image.copyPlanesTo(ByteBuffer.wrap(planes));
        List<RgbImage> copies = new ArrayList<>(n);
        try {
            for (int k = 0; k < n; k++) {
                int at = k % bytes;
                planes[at] ^= 1;
                copies.add(RgbImage.ofPlanes(image.width(), image.height(), planes, memory));
                planes[at] ^= 1; // back, so each copy differs from the image in its own byte only
            }
        } catch (RuntimeException e) {
            copies.forEach(RgbImage::close);
            throw e;
        }
        return new DistinctImages(List.copyOf(copies), source, batch);
    }

    /** How many distinct images the run cycles through. */
    int size() {
        return copies.size();
    }

    /** The next batch, round-robin; only one thread (the one submitting) calls this. */
    List<LabeledImage> nextBatch() {
        List<LabeledImage> batch = batches.get(next);
        next = (next + 1) % batches.size();
        return batch;
    }

    List<RgbImage> images() {
        return copies;
    }

    @Override
    public void close() {
        copies.forEach(RgbImage::close);
    }
}
