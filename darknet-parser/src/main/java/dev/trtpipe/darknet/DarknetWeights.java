package dev.trtpipe.darknet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code .weights} file checked against its cfg and cut into per-layer arrays. The file is
 * memory-mapped and never copied: every {@link FloatArray} is a view of the mapping, so a 250 MB model
 * costs page cache, not heap.
 */
public final class DarknetWeights {

    private final Path path;
    private final ByteBuffer file;
    private final WeightsSizeCheck sizeCheck;
    private final List<LayerWeights> byLayer;
    private final List<Layer> missing;

    private DarknetWeights(Path path, ByteBuffer file, WeightsSizeCheck sizeCheck, List<LayerWeights> byLayer,
                           List<Layer> missing) {
        this.path = path;
        this.file = file;
        this.sizeCheck = sizeCheck;
        this.byLayer = byLayer;
        this.missing = List.copyOf(missing);
    }

    /** Compares the file's size with what the cfg needs, without reading the payload. */
    public static WeightsSizeCheck check(Path weights, DarknetModel model) throws IOException {
        ByteBuffer file = map(weights);
        return WeightsSizeCheck.of(WeightsHeader.read(file, weights.toString()), file.capacity(), model, weights.toString());
    }

    /**
     * Maps the file and cuts it into layers.
     *
     * @param allowPartial accept a SHORT file that ends on a layer boundary (darknet's {@code partial}
     *                     backbones such as {@code yolov4.conv.137}); the missing layers get zeros
     * @throws DarknetFormatException unless the size is EXACT (or an accepted partial file); the message
     *                                says SHORT/LONG by how many floats and where the data ends
     */
    public static DarknetWeights read(Path weights, DarknetModel model, boolean allowPartial) throws IOException {
        ByteBuffer file = map(weights);
        WeightsHeader header = WeightsHeader.read(file, weights.toString());
        WeightsSizeCheck check = WeightsSizeCheck.of(header, file.capacity(), model, weights.toString());
        boolean acceptedPartial = allowPartial && check.verdict() == WeightsSizeCheck.Verdict.SHORT && check.endsOnLayerBoundary();
        if (!check.exact() && !acceptedPartial) {
            String hint = allowPartial && check.verdict() == WeightsSizeCheck.Verdict.SHORT
                    ? " (--allow-partial accepts only files that end between layers)" : "";
            throw new DarknetFormatException(check.message() + hint);
        }
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
                arrays.put(segment.kind(), present ? new FloatArray(file.slice(Math.toIntExact(offset), 4 * count), offset)
                        : FloatArray.zeros(count));
                offset += 4L * count;
            }
            byLayer.set(layer.index(), new LayerWeights(layer, arrays, present));
        }
        return new DarknetWeights(weights, file, check, byLayer, check.missingLayers(model));
    }

    private static ByteBuffer map(Path weights) throws IOException {
        try (FileChannel channel = FileChannel.open(weights, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new DarknetFormatException(weights + " is " + size + " bytes; weights files over 2 GiB are not supported");
            }
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            return mapped.order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    public Path path() {
        return path;
    }

    /** The whole file, header included (a read-only view of the mapping; for hashing). */
    public ByteBuffer fileBytes() {
        return file.asReadOnlyBuffer();
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
