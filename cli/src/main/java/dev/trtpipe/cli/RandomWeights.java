package dev.trtpipe.cli;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.Layer;
import dev.trtpipe.darknet.WeightKind;
import dev.trtpipe.darknet.WeightSegment;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a valid {@code .weights} file of exactly the size a cfg needs, filled with reproducible random
 * values (positive BN variances), for benchmarks on models whose real weights are not at hand.
 */
final class RandomWeights {

    private RandomWeights() {
    }

    static void write(DarknetModel model, Path target) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        long state = 0x9E3779B97F4A7C15L;
        try (OutputStream out = Files.newOutputStream(target)) {
            chunk.putInt(0).putInt(2).putInt(5).putLong(0);
            for (Layer layer : model.layers()) {
                for (WeightSegment segment : layer.weightLayout()) {
                    float lo = segment.kind() == WeightKind.ROLLING_VARIANCE || segment.kind() == WeightKind.SCALES ? 0.5f : -0.1f;
                    for (long i = 0; i < segment.count(); i++) {
                        state ^= state >>> 12;
                        state ^= state << 25;
                        state ^= state >>> 27;
                        chunk.putFloat(lo + ((state * 0x2545F4914F6CDD1DL) >>> 40) / (float) (1 << 24) * (lo < 0 ? 0.2f : 1f));
                        if (!chunk.hasRemaining()) {
                            out.write(chunk.array(), 0, chunk.position());
                            chunk.clear();
                        }
                    }
                }
            }
            out.write(chunk.array(), 0, chunk.position());
        }
    }
}
