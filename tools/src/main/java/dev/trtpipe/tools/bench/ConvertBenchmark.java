package dev.trtpipe.tools.bench;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.onnx.DarknetOnnxPipeline;
import dev.trtpipe.samples.darknet.RandomDarknetWeights;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code bench-convert}'s engine: darknet to ONNX timed against the floor any converter has (reading the
 * weights file and writing the same number of bytes), both alternating in one process; medians of the
 * rounds.
 */
public final class ConvertBenchmark {

    private ConvertBenchmark() {
    }

    /**
     * Medians over the timed rounds.
     *
     * @param copySeconds    reading the weights in 1 MiB chunks and writing each chunk out
     * @param convertSeconds parse, convert and write the ONNX file
     */
    public record Result(int rounds, double copySeconds, double convertSeconds, long onnxBytes) {

        /** Conversion time over the floor (the target is at most 2). */
        public double ratio() {
            return convertSeconds / copySeconds;
        }
    }

    /** {@code dir/random.weights}, written (random, the size {@code model} needs) unless already there with that size. */
    public static Path randomWeights(DarknetModel model, Path dir) throws IOException {
        Path weights = dir.resolve("random.weights");
        if (!Files.exists(weights) || Files.size(weights) != 20 + 4 * model.weightCount()) {
            RandomDarknetWeights.write(model, weights, RandomDarknetWeights.DEFAULT_SEED, RandomDarknetWeights.Objectness.RANDOM);
        }
        return weights;
    }

    /** Runs one untimed round (JIT and page cache), then {@code rounds} timed ones; outputs go to {@code dir}. */
    public static Result run(Path cfg, Path weights, Path dir, int rounds) throws IOException {
        Path copy = dir.resolve("copy.bin");
        Path onnx = dir.resolve("model.onnx");
        double[] baseline = new double[rounds];
        double[] convert = new double[rounds];
        long onnxBytes = 0;
        for (int r = -1; r < rounds; r++) { // round −1 warms up the JIT and the page cache
            long t0 = System.nanoTime();
            copyFile(weights, copy);
            long t1 = System.nanoTime();
            // the parser's warnings are not this benchmark's business: it times the conversion alone
            onnxBytes = DarknetOnnxPipeline.write(cfg, weights, onnx, DarknetOnnxPipeline.Settings.defaults(), warning -> { })
                    .file().bytes();
            long t2 = System.nanoTime();
            if (r >= 0) {
                baseline[r] = (t1 - t0) / 1e9;
                convert[r] = (t2 - t1) / 1e9;
            }
        }
        Files.deleteIfExists(copy);
        return new Result(rounds, median(baseline), median(convert), onnxBytes);
    }

    /** The floor: read the file in 1 MiB chunks and write each chunk out. */
    private static void copyFile(Path from, Path to) throws IOException {
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
