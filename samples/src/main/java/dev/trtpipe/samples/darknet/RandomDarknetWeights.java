package dev.trtpipe.samples.darknet;

import dev.trtpipe.darknet.ConvolutionalLayer;
import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.Layer;
import dev.trtpipe.darknet.WeightKind;
import dev.trtpipe.darknet.WeightSegment;
import dev.trtpipe.darknet.io.AtomicFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a darknet {@code .weights} file of exactly the size a cfg needs, by the recipe that produced the
 * {@code ../shared/ref/mini} fixtures (docs/references.md §4): biases and BN means U(±0.1), BN scales and
 * variances U(0.5, 1.5), kernels U(±√(3 / fan-in)). With {@link #DEFAULT_SEED} and
 * {@link Objectness#RANDOM} the output equals the fixtures' {@code model.weights} byte for byte.
 *
 * <p>A random network is not quiet: in a deep one such as YOLOv3-608 the residual sums grow until every
 * head logit saturates, and the detector then reports every class of every anchor — over a hundred
 * thousand boxes that take longer to sort than the network takes to run. {@link Objectness#SILENT} keeps
 * the recipe (same draws, same file size) but gives the objectness channel of every head convolution a
 * zero kernel and a bias of {@value #SILENT_OBJECTNESS_LOGIT}, so such a model runs the whole pipeline and
 * honestly detects nothing.
 */
public final class RandomDarknetWeights {

    /** The fixtures' seed. */
    public static final long DEFAULT_SEED = 7;

    /** σ(−10) ≈ 4.5e-5: far below any detection threshold. */
    public static final float SILENT_OBJECTNESS_LOGIT = -10f;

    /** What the heads' objectness channels get. */
    public enum Objectness {
        /** The recipe's values, like every other weight. */
        RANDOM,
        /** A zero kernel and a bias of {@link #SILENT_OBJECTNESS_LOGIT}: no detections. */
        SILENT
    }

    private static final int CHUNK_BYTES = 1 << 20;
    private static final int OBJECTNESS_OFFSET = 4; // x, y, w, h, objectness, classes… per anchor

    private RandomDarknetWeights() {
    }

    /**
     * Writes {@code target} atomically (header 0.2.5, {@code seen} 0, then every layer's arrays in file order).
     *
     * @return the bytes written
     */
    public static long write(DarknetModel model, Path target, long seed, Objectness objectness) throws IOException {
        Map<Integer, BitSet> silenced = objectness == Objectness.SILENT ? objectnessChannels(model) : Map.of();
        XorShift64Star random = new XorShift64Star(seed);
        long[] written = {0};
        AtomicFile.writeStream(target, out -> {
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            chunk.putInt(0).putInt(2).putInt(5).putLong(0);
            for (Layer layer : model.layers()) {
                long fanIn = fanIn(layer);
                BitSet silent = silenced.getOrDefault(layer.index(), new BitSet());
                for (WeightSegment segment : layer.weightLayout()) {
                    float hi = upperBound(segment.kind(), fanIn);
                    float lo = segment.kind() == WeightKind.SCALES || segment.kind() == WeightKind.ROLLING_VARIANCE ? 0.5f : -hi;
                    long perChannel = Math.max(1, segment.count() / Math.max(1, channels(layer)));
                    for (long i = 0; i < segment.count(); i++) {
                        if (!chunk.hasRemaining()) {
                            written[0] += flush(chunk, out);
                        }
                        float value = random.uniform(lo, hi); // drawn even when replaced: the rest of the file stays the recipe's
                        if (silent.get((int) (i / perChannel))) {
                            value = segment.kind() == WeightKind.BIASES ? SILENT_OBJECTNESS_LOGIT
                                    : segment.kind() == WeightKind.WEIGHTS ? 0f : value;
                        }
                        chunk.putFloat(value);
                    }
                }
            }
            written[0] += flush(chunk, out);
        });
        return written[0];
    }

    /** Layer index of each convolution feeding a detection head → its objectness channels. */
    private static Map<Integer, BitSet> objectnessChannels(DarknetModel model) {
        Map<Integer, BitSet> channels = new HashMap<>();
        for (DetectionSpec.Head head : model.detectionSpec().map(DetectionSpec::heads).orElse(java.util.List.of())) {
            Layer feeding = model.layer(head.layerIndex() - 1);
            if (feeding instanceof ConvolutionalLayer conv && conv.filters() == head.channels()) {
                BitSet objectness = new BitSet();
                for (int a = 0; a < head.anchorCount(); a++) {
                    objectness.set(a * (5 + head.classes()) + OBJECTNESS_OFFSET);
                }
                channels.put(conv.index(), objectness);
            }
        }
        return channels;
    }

    private static float upperBound(WeightKind kind, long fanIn) {
        return switch (kind) {
            case BIASES, ROLLING_MEAN -> 0.1f;
            case SCALES, ROLLING_VARIANCE -> 1.5f;
            case WEIGHTS -> (float) Math.sqrt(3.0 / fanIn);
        };
    }

    /** Output channels: one bias (or BN entry) and one kernel per channel. */
    private static long channels(Layer layer) {
        return layer.weightLayout().stream().filter(s -> s.kind() == WeightKind.BIASES).mapToLong(WeightSegment::count)
                .findFirst().orElse(layer.output().channels());
    }

    /** Inputs feeding one output value: weights per output channel (c/g·k² for a convolution). */
    private static long fanIn(Layer layer) {
        long weights = layer.weightLayout().stream().filter(s -> s.kind() == WeightKind.WEIGHTS)
                .mapToLong(WeightSegment::count).sum();
        return Math.max(1, weights / Math.max(1, channels(layer)));
    }

    private static int flush(ByteBuffer chunk, OutputStream out) throws IOException {
        int n = chunk.position();
        out.write(chunk.array(), 0, n);
        chunk.clear();
        return n;
    }
}
