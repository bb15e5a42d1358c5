package dev.trtpipe.etlt;

import dev.trtpipe.darknet.io.AtomicFile;
import dev.trtpipe.uff.UffGraph;
import dev.trtpipe.uff.UffToOnnx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Translating a UFF payload to ONNX against decrypting and writing the same payload bytes (both written
 * atomically, as {@code etlt2onnx} writes either), in one process and directory, best of several rounds (round 0 warms up the JIT and the page cache). The key is derived
 * once before timing: PBKDF2 is paid once per key and process, by both paths alike.
 */
public final class UffTranslationBenchmark {

    /**
     * @param decryptWriteMillis decrypt the .etlt and write the plaintext (the "same bytes")
     * @param translateMillis    decrypt, parse the UFF graph, translate and write the ONNX model, all together
     * @param parseMillis        of which decrypting and parsing
     * @param convertMillis      of which building the ONNX graph
     * @param writeMillis        of which writing it
     */
    public record Result(long payloadBytes, long onnxBytes, int rounds, double decryptWriteMillis, double translateMillis,
                         double parseMillis, double convertMillis, double writeMillis) {
        /** Translation time over decrypt-and-write time; the target is at most 2. */
        public double ratio() {
            return translateMillis / decryptWriteMillis;
        }
    }

    private UffTranslationBenchmark() {
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
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
        try {
            for (int round = 0; round <= rounds; round++) {
                long t0 = System.nanoTime();
                try (Plaintext p = EtltFile.read(etlt).decrypt(key)) {
                    AtomicFile.write(plain, p::transferTo); // as etlt2onnx writes an ONNX payload
                }
                long t1 = System.nanoTime();
                UffGraph graph;
                try (Plaintext p = EtltFile.read(etlt).decrypt(key)) {
                    graph = UffPayload.read(p);
                }
                long t2 = System.nanoTime();
                UffToOnnx.Result translated = UffToOnnx.standard().translate(graph);
                long t3 = System.nanoTime();
                translated.write(onnx);
                long t4 = System.nanoTime();
                if (round > 0) {
                    long[] times = {t1 - t0, t4 - t1, t2 - t1, t3 - t2, t4 - t3};
                    for (int i = 0; i < best.length; i++) {
                        best[i] = Math.min(best[i], times[i]);
                    }
                }
            }
            return new Result(payload, Files.size(onnx), rounds, best[0] / 1e6, best[1] / 1e6, best[2] / 1e6, best[3] / 1e6, best[4] / 1e6);
        } finally {
            Files.deleteIfExists(plain);
            Files.deleteIfExists(onnx);
        }
    }
}
