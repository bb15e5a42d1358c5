package dev.trtpipe.etlt;

import dev.trtpipe.darknet.io.AtomicFile;
import dev.trtpipe.uff.UffGraph;
import dev.trtpipe.uff.UffToOnnx;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Translating a UFF payload to ONNX against decrypting and writing the same payload bytes (both written
 * atomically, as {@code etlt2onnx} writes either), in one process and directory, interleaved round by round so
 * that both see the same machine load; best and median of several rounds, after untimed warm-up rounds (a quarter
 * as many, at least one: they warm the page cache and let the JIT compile both paths, which otherwise pulls the
 * median of a few hundred rounds up by 2× or more). The key is derived
 * once before timing: PBKDF2 is paid once per key and process, by both paths alike.
 */
public final class UffTranslationBenchmark {

    /**
     * One statistic (best or median) of each timed step, in milliseconds.
     *
     * @param decryptWriteMillis decrypt the .etlt and write the plaintext (the "same bytes")
     * @param translateMillis    decrypt, parse the UFF graph, translate and write the ONNX model, all together
     * @param parseMillis        of which decrypting and parsing
     * @param convertMillis      of which building the ONNX graph
     * @param writeMillis        of which writing it
     */
    public record Timing(double decryptWriteMillis, double translateMillis, double parseMillis, double convertMillis,
                         double writeMillis) {
        /** Translation time over decrypt-and-write time; the target is at most 2. */
        public double ratio() {
            return translateMillis / decryptWriteMillis;
        }
    }

    /** The target: translation at most twice decrypt and write. */
    public static final double TARGET_RATIO = 2.0;

    /**
     * Best and median over the timed rounds (each statistic taken per step, so the parts need not add up exactly),
     * and the median of the rounds' own ratios (both sides of one round ran back to back, under the same load).
     */
    public record Result(long payloadBytes, long onnxBytes, int rounds, int warmUpRounds, Timing best, Timing median,
                         double medianRoundRatio, CpuTime medianCpu) {
        /**
         * Whether the target holds on the median, not only on the best round: the median of each side, and the
         * median of the rounds' ratios, are both at most {@link #TARGET_RATIO}.
         */
        public boolean meetsTarget() {
            return median.ratio() <= TARGET_RATIO && medianRoundRatio <= TARGET_RATIO;
        }
    }

    /**
     * Median CPU time of this thread (user and system: the file write is kernel work done in the call), in
     * milliseconds, or empty where the JVM cannot measure it. Unlike the wall clock it leaves out the time the
     * thread waited for a core, which on a shared, loaded machine swings the wall-clock medians by ±20 %.
     */
    public record CpuTime(double decryptWriteMillis, double translateMillis) {
        public double ratio() {
            return translateMillis / decryptWriteMillis;
        }
    }

    private static final int STEPS = 5;

    private UffTranslationBenchmark() {
    }

    static int warmUpRounds(int rounds) {
        return Math.max(1, rounds / 4);
    }

    /** The {@code rank}-th fastest round of each step (0 = best, rounds / 2 = median). */
    private static Timing timing(long[][] sortedNanos, int rank) {
        double[] ms = new double[STEPS];
        for (int i = 0; i < STEPS; i++) {
            ms[i] = sortedNanos[i][rank] / 1e6;
        }
        return new Timing(ms[0], ms[1], ms[2], ms[3], ms[4]);
    }

    public static Result run(Path etlt, EtltKey key, Path directory, int rounds) throws IOException {
        Files.createDirectories(directory);
        Path plain = directory.resolve("bench-uff-plaintext.uff");
        Path onnx = directory.resolve("bench-uff.onnx");
        key.aesKey();
        long payload;
        try (Plaintext p = EtltFile.read(etlt).decrypt(key)) {
            if (p.kind() != PayloadKind.UFF) {
                throw new IOException(etlt + " holds " + p.kind() + ", not UFF; bench-etlt --uff needs a UFF .etlt such as ../shared/etlt/usa_pruned.etlt");
            }
            payload = p.size();
        }
        long[][] nanos = new long[STEPS][rounds]; // [step][round]
        double[] roundRatios = new double[rounds];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        long[][] cpuNanos = new long[2][rounds]; // [decrypt + write, translate][round]
        try {
            int warmUp = warmUpRounds(rounds);
            for (int round = -warmUp; round < rounds; round++) {
                long c0 = cpu ? threads.getCurrentThreadCpuTime() : 0;
                long t0 = System.nanoTime();
                try (Plaintext p = EtltFile.read(etlt).decrypt(key)) {
                    AtomicFile.write(plain, p::transferTo); // as etlt2onnx writes an ONNX payload
                }
                long t1 = System.nanoTime();
                long c1 = cpu ? threads.getCurrentThreadCpuTime() : 0;
                UffGraph graph;
                try (Plaintext p = EtltFile.read(etlt).decrypt(key)) {
                    graph = UffPayload.read(p);
                }
                long t2 = System.nanoTime();
                UffToOnnx.Result translated = UffToOnnx.standard().translate(graph);
                long t3 = System.nanoTime();
                translated.write(onnx);
                long t4 = System.nanoTime();
                long c4 = cpu ? threads.getCurrentThreadCpuTime() : 0;
                if (round >= 0) {
                    long[] times = {t1 - t0, t4 - t1, t2 - t1, t3 - t2, t4 - t3};
                    for (int i = 0; i < STEPS; i++) {
                        nanos[i][round] = times[i];
                    }
                    roundRatios[round] = (double) (t4 - t1) / (t1 - t0);
                    cpuNanos[0][round] = c1 - c0;
                    cpuNanos[1][round] = c4 - c1;
                }
            }
            for (long[] step : nanos) {
                Arrays.sort(step);
            }
            Arrays.sort(roundRatios);
            Arrays.sort(cpuNanos[0]);
            Arrays.sort(cpuNanos[1]);
            CpuTime medianCpu = cpu ? new CpuTime(cpuNanos[0][rounds / 2] / 1e6, cpuNanos[1][rounds / 2] / 1e6) : null;
            return new Result(payload, Files.size(onnx), rounds, warmUpRounds(rounds), timing(nanos, 0),
                    timing(nanos, rounds / 2), roundRatios[rounds / 2], medianCpu);
        } finally {
            Files.deleteIfExists(plain);
            Files.deleteIfExists(onnx);
        }
    }
}
