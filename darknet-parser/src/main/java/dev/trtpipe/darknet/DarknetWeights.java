package dev.trtpipe.darknet;

import java.io.IOException;
import java.nio.ByteBuffer;
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
 * into heap arrays (one per layer record) and never copied again: every {@link FloatArray} is a view of
 * one, and the ONNX writer hands those views to protobuf as they are. (A memory mapping would avoid the read, but
 * protobuf-java 4.x copies direct buffers in {@code UnsafeByteOperations.unsafeWrap(ByteBuffer)}, so
 * mapped weights would be held twice.) The size check runs on the file size, before the payload is read.
 *
 * <p>{@link #load} returns as soon as the size is checked and reads the payload in the background,
 * hashing it on the way ({@link WeightsLoad}); the arrays' values can be read once it is complete, and
 * their accessors wait for that. {@link #read} is {@code load} plus waiting.
 */
public final class DarknetWeights {

    private final Path path;
    private final WeightsLoad load;
    private final WeightsSizeCheck sizeCheck;
    private final List<LayerWeights> byLayer;
    private final List<Layer> missing;

    private DarknetWeights(Path path, WeightsLoad load, WeightsSizeCheck sizeCheck, List<LayerWeights> byLayer,
                           List<Layer> missing) {
        this.path = path;
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
     * the network meanwhile; array values wait for the read, and {@link #awaitLoaded()} reports how it
     * ended.
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
                    ? " ({ALLOW_PARTIAL} accepts only files that end between layers)" : "";
            throw new DarknetFormatException(check.fact() + hint);
        }
        WeightsPieces pieces = WeightsPieces.plan(weights, model, header.length(), check.fileBytes());
        WeightsLoad load = WeightsLoad.start(weights, pieces.pieces());
        List<LayerWeights> byLayer = new ArrayList<>(Collections.nCopies(model.layers().size(), null));
        for (Layer layer : model.layers()) {
            if (layer.weightCount() == 0) {
                continue;
            }
            WeightsPieces.Place record = pieces.place(layer).orElse(null); // none: beyond the end of a partial file
            Map<WeightKind, FloatArray> arrays = new EnumMap<>(WeightKind.class);
            int within = record == null ? 0 : record.offset();
            for (WeightSegment segment : layer.weightLayout()) {
                int count = Math.toIntExact(segment.count());
                arrays.put(segment.kind(), record == null ? FloatArray.zeros(count)
                        : new FloatArray(record.piece(), within, count, record.piece().fileOffset() + within, load));
                within += 4 * count;
            }
            byLayer.set(layer.index(), new LayerWeights(layer, arrays, record != null));
        }
        return new DarknetWeights(weights, load, check, byLayer, check.missingLayers(model));
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

    /**
     * The SHA-256 of the whole file (header included), lower-case hex: computed while the file is read,
     * so it is ready about when the read is.
     */
    public CompletableFuture<String> sha256() {
        return load.sha256();
    }

    /** Waits for {@link #sha256()}; throws what reading or hashing the file threw. */
    public String awaitSha256() throws IOException {
        return WeightsLoad.join(load.sha256());
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
