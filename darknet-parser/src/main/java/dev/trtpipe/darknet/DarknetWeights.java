package dev.trtpipe.darknet;

import java.io.EOFException;
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
import java.util.concurrent.CompletionException;

/**
 * A {@code .weights} file checked against its cfg and cut into per-layer arrays. The file is read once
 * into one heap array and never copied again: every {@link FloatArray} is a view of it, and the ONNX
 * writer hands those views to protobuf as they are. (A memory mapping would avoid the read, but
 * protobuf-java 4.x copies direct buffers in {@code UnsafeByteOperations.unsafeWrap(ByteBuffer)}, so
 * mapped weights would be held twice.) The size check runs on the file size, before the payload is read.
 */
public final class DarknetWeights {

    private final Path path;
    private final ByteBuffer file;
    private final WeightsSizeCheck sizeCheck;
    private final List<LayerWeights> byLayer;
    private final List<Layer> missing;
    private CompletableFuture<String> sha256;

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
        WeightsHeader header;
        WeightsSizeCheck check;
        ByteBuffer file;
        try (FileChannel channel = FileChannel.open(weights, StandardOpenOption.READ)) {
            header = readHeader(channel, weights);
            check = WeightsSizeCheck.of(header, channel.size(), model, weights.toString());
            file = check.exact() || allowPartial ? readFully(channel, weights) : null;
        }
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

    private static WeightsHeader readHeader(FileChannel channel, Path weights) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(WeightsHeader.LONG_LENGTH);
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // read until the header is complete or the file ends
        }
        return WeightsHeader.read(head.flip(), weights.toString());
    }

    /**
     * Reads the whole file into one heap array in 1 MiB reads. A single read into the array (or
     * {@code Files.readAllBytes}) makes the JDK copy through a native buffer as large as the file, which
     * doubles the peak RSS and, measured cold on 250 MB, is slower too (docs/darknet2onnx.md).
     */
    private static ByteBuffer readFully(FileChannel channel, Path weights) throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new DarknetFormatException(weights + " is " + size + " bytes; weights files over 2 GiB are not supported");
        }
        ByteBuffer file = ByteBuffer.allocate((int) size);
        while (file.hasRemaining()) {
            ByteBuffer chunk = file.slice(file.position(), Math.min(READ_CHUNK, file.remaining()));
            int n = channel.read(chunk, file.position());
            if (n < 0) {
                throw new EOFException(weights + " ended while reading it (was it changed meanwhile?)");
            }
            file.position(file.position() + n);
        }
        return file.flip().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static final int READ_CHUNK = 1 << 20;

    public Path path() {
        return path;
    }

    /** The whole file, header included: a view of the loaded bytes (for hashing; do not modify). */
    public ByteBuffer fileBytes() {
        return file.duplicate();
    }

    /**
     * The SHA-256 of the whole file (header included), lower-case hex. The first call starts hashing on a
     * daemon thread and later calls share its result, so a caller that will record the hash calls this as
     * soon as it has the weights: hashing 250 MB takes a few tenths of a second cold, hidden behind the conversion.
     */
    public synchronized CompletableFuture<String> sha256() {
        if (sha256 == null) {
            sha256 = CompletableFuture.supplyAsync(() -> {
                try {
                    return Sha256.of(fileBytes());
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            }, task -> {
                Thread thread = new Thread(task, "weights-sha256");
                thread.setDaemon(true);
                thread.start();
            });
        }
        return sha256;
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
