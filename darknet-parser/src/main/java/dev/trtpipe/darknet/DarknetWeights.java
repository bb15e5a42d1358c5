package dev.trtpipe.darknet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A {@code .weights} file checked against its cfg and cut into per-layer arrays. The file is read once
 * into one heap array and never copied again: every {@link FloatArray} is a view of it, and the ONNX
 * writer hands those views to protobuf as they are. (A memory mapping would avoid the read, but
 * protobuf-java 4.x copies direct buffers in {@code UnsafeByteOperations.unsafeWrap(ByteBuffer)}, so
 * mapped weights would be held twice.) The size check runs on the file size, before the payload is read.
 *
 * <p>{@link #load} returns as soon as the size is checked and reads the payload in the background,
 * hashing it on the way ({@link WeightsLoad}); the arrays' values can be read once it is complete, and
 * their accessors wait for that. {@link #read} is {@code load} plus waiting.
 */
public final class DarknetWeights {

    private final Path path;
    private final ByteBuffer file;
    private final WeightsLoad load;
    private final WeightsSizeCheck sizeCheck;
    private final List<LayerWeights> byLayer;
    private final List<Layer> missing;

    private DarknetWeights(Path path, ByteBuffer file, WeightsLoad load, WeightsSizeCheck sizeCheck,
                           List<LayerWeights> byLayer, List<Layer> missing) {
        this.path = path;
        this.file = file;
        this.load = load;
        this.sizeCheck = sizeCheck;
        this.byLayer = byLayer;
        this.missing = List.copyOf(missing);
    }

    /** Compares the file's size with what the cfg needs, without reading the payload. */
    public static WeightsSizeCheck check(Path weights, DarknetModel model) throws IOException {
        try (FileChannel channel = FileChannel.open(weights, StandardOpenOption.READ)) {
            return WeightsSizeCheck.of(readHeader(channel, weights), channel.size(), model, weights.toString());
        }
    }

    /**
     * Checks the size, reads the file and cuts it into layers.
     *
     * @param allowPartial accept a SHORT file that ends on a layer boundary (darknet's {@code partial}
     *                     backbones such as {@code yolov4.conv.137}); the missing layers get zeros
     * @throws DarknetFormatException unless the size is EXACT (or an accepted partial file); the message
     *                                says SHORT/LONG by how many floats and where the data ends
     */
    public static DarknetWeights read(Path weights, DarknetModel model, boolean allowPartial) throws IOException {
        DarknetWeights loading = load(weights, model, allowPartial);
        loading.awaitLoaded();
        return loading;
    }

    /**
     * Checks the size like {@link #read} and cuts the file into layers, but leaves the payload to be read
     * (and hashed) on background threads: the layers and array views are there at once, for translating
     * the network meanwhile; array values and {@link #fileBytes()} wait for the read, and
     * {@link #awaitLoaded()} reports how it ended.
     */
    public static DarknetWeights load(Path weights, DarknetModel model, boolean allowPartial) throws IOException {
        WeightsHeader header;
        WeightsSizeCheck check;
        try (FileChannel channel = FileChannel.open(weights, StandardOpenOption.READ)) {
            header = readHeader(channel, weights);
            check = WeightsSizeCheck.of(header, channel.size(), model, weights.toString());
        }
        boolean acceptedPartial = allowPartial && check.verdict() == WeightsSizeCheck.Verdict.SHORT && check.endsOnLayerBoundary();
        if (!check.exact() && !acceptedPartial) {
            String hint = allowPartial && check.verdict() == WeightsSizeCheck.Verdict.SHORT
                    ? " (--allow-partial accepts only files that end between layers)" : "";
            throw new DarknetFormatException(check.message() + hint);
        }
        if (check.fileBytes() > Integer.MAX_VALUE - 8) {
            throw new DarknetFormatException(weights + " is " + check.fileBytes() + " bytes; weights files over 2 GiB are not supported");
        }
        ByteBuffer file = ByteBuffer.allocate((int) check.fileBytes()).order(ByteOrder.LITTLE_ENDIAN);
        WeightsLoad load = WeightsLoad.start(weights, file);
        List<LayerWeights> byLayer = new ArrayList<>(Collections.nCopies(model.layers().size(), null));
        long offset = header.length();
        long end = file.capacity();
        for (Layer layer : model.layers()) {
            if (layer.weightCount() == 0) {
                continue;
            }
            boolean present = offset + 4 * layer.weightCount() <= end;
            Map<WeightKind, FloatArray> arrays = new EnumMap<>(WeightKind.class);
            for (WeightSegment segment : layer.weightLayout()) {
                int count = Math.toIntExact(segment.count());
                arrays.put(segment.kind(), present ? new FloatArray(file.slice(Math.toIntExact(offset), 4 * count), offset, load)
                        : FloatArray.zeros(count));
                offset += 4L * count;
            }
            byLayer.set(layer.index(), new LayerWeights(layer, arrays, present));
        }
        return new DarknetWeights(weights, file, load, check, byLayer, check.missingLayers(model));
    }

    private static WeightsHeader readHeader(FileChannel channel, Path weights) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(WeightsHeader.LONG_LENGTH);
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // read until the header is complete or the file ends
        }
        return WeightsHeader.read(head.flip(), weights.toString());
    }

    /** Waits until the whole file is in memory; throws what reading it threw (e.g. the file shrank meanwhile). */
    public void awaitLoaded() throws IOException {
        load.await();
    }

    public Path path() {
        return path;
    }

    /** The whole file, header included, once loaded: a view of the loaded bytes (do not modify). */
    public ByteBuffer fileBytes() {
        load.awaitUnchecked();
        return file.duplicate();
    }

    /**
     * The SHA-256 of the whole file (header included), lower-case hex: computed while the file is read,
     * so it is ready about when the read is.
     */
    public CompletableFuture<String> sha256() {
        return load.sha256();
    }

    public WeightsHeader header() {
        return sizeCheck.header();
    }

    public WeightsSizeCheck sizeCheck() {
        return sizeCheck;
    }

    /** The weights of a layer, or empty for a layer without weights. */
    public Optional<LayerWeights> forLayer(int index) {
        return Optional.ofNullable(byLayer.get(index));
    }

    /** Layers with weights that a partial file does not contain (zero-filled); empty for a complete file. */
    public List<Layer> missingLayers() {
        return missing;
    }
}
