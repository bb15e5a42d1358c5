package dev.trtpipe.etlt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * Measures {@code .etlt} decryption against a plain copy of the same file, in the same process and
 * directory, so the ratio shows what the cipher costs on top of the I/O. The payload is generated:
 * an ONNX-looking first field (so it is recognised) followed by random bytes.
 */
public final class DecryptionBenchmark {

    /**
     * @param payloadBytes        plaintext size
     * @param keyDerivationMillis one PBKDF2 derivation (paid once per key and process, not per byte)
     * @param copyMBps            best plain copy of the {@code .etlt} to a file, 10^6 bytes per second
     * @param decryptMBps         best decryption of it to a file, including the payload check
     * @param readMBps            best plain read of the {@code .etlt}, output discarded (from the page cache)
     * @param decryptReadMBps     best decryption with the output discarded: the cipher's own speed
     */
    public record Result(long payloadBytes, int rounds, double keyDerivationMillis, double copyMBps, double decryptMBps,
                         double readMBps, double decryptReadMBps) {
        /** File-to-file decryption relative to a plain copy (1.0 = decryption is free). */
        public double ratio() {
            return decryptMBps / copyMBps;
        }

        /** Decryption without the write, relative to a plain read. */
        public double readRatio() {
            return decryptReadMBps / readMBps;
        }
    }

    private DecryptionBenchmark() {
    }

    public static Result run(Path directory, long payloadBytes, int rounds) throws IOException {
        Files.createDirectories(directory);
        Path plain = directory.resolve("bench-payload.onnx");
        Path etlt = directory.resolve("bench-payload.etlt");
        Path copy = directory.resolve("bench-copy.bin");
        Path decrypted = directory.resolve("bench-decrypted.onnx");
        try {
            generatePayload(plain, payloadBytes);
            EtltKey key = EtltKey.of("trtpipe-bench-" + System.nanoTime()); // a new password: derivation is not cached yet
            long t0 = System.nanoTime();
            key.aesKey();
            double keyMillis = (System.nanoTime() - t0) / 1e6;
            EtltWriter.encrypt(plain, "", key, etlt);

            long[] best = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
            for (int round = 0; round <= rounds; round++) { // round 0 warms up the JIT and the page cache
                long[] nanos = {
                        time(() -> copy(etlt, copy)),
                        time(() -> decrypt(etlt, key, decrypted)),
                        time(() -> read(etlt)),
                        time(() -> decryptAndDiscard(etlt, key))};
                for (int i = 0; round > 0 && i < best.length; i++) {
                    best[i] = Math.min(best[i], nanos[i]);
                }
            }
            if (Files.mismatch(plain, decrypted) != -1) {
                throw new IllegalStateException("benchmark decryption did not reproduce the payload");
            }
            return new Result(payloadBytes, rounds, keyMillis, mbps(payloadBytes, best[0]), mbps(payloadBytes, best[1]),
                    mbps(payloadBytes, best[2]), mbps(payloadBytes, best[3]));
        } finally {
            for (Path p : new Path[] {plain, etlt, copy, decrypted}) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void generatePayload(Path file, long bytes) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        byte[] chunk = new byte[ChannelCopy.BUFFER_BYTES];
        // ModelProto: ir_version 7, producer_name "bench"
        byte[] head = {0x08, 0x07, 0x12, 0x05, 'b', 'e', 'n', 'c', 'h'};
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long written = 0; written < bytes; ) {
                random.nextBytes(chunk);
                if (written == 0) {
                    System.arraycopy(head, 0, chunk, 0, head.length);
                }
                int n = (int) Math.min(chunk.length, bytes - written);
                ByteBuffer buffer = ByteBuffer.wrap(chunk, 0, n);
                while (buffer.hasRemaining()) {
                    written += out.write(buffer);
                }
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            ChannelCopy.copy(in, out);
        }
    }

    private static double mbps(long bytes, long nanos) {
        return bytes / (nanos / 1e9) / 1e6;
    }

    private static void read(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ChannelCopy.copy(in, DISCARD);
        }
    }

    private static void decryptAndDiscard(Path etlt, EtltKey key) throws IOException {
        try (Plaintext plain = EtltFile.read(etlt).decrypt(key)) {
            plain.transferTo(DISCARD);
        }
    }

    /** Accepts and drops everything, so a run measures reading (and decrypting) alone. */
    private static final WritableByteChannel DISCARD = new WritableByteChannel() {
        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    };

    private static void decrypt(Path etlt, EtltKey key, Path to) throws IOException {
        try (Plaintext plain = EtltFile.read(etlt).decrypt(key)) {
            plain.transferTo(to);
        }
    }

    private interface Step {
        void run() throws IOException;
    }

    private static long time(Step step) throws IOException {
        long start = System.nanoTime();
        step.run();
        return System.nanoTime() - start;
    }
}
