package dev.trtpipe.darknet;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Fills a weights file's heap buffer on a background thread while a second thread hashes each piece as
 * soon as it has arrived. Converting a full-size network is mostly waiting for memory: a cold 250 MB read
 * spends its time faulting in fresh heap pages and hashing takes as long again, while translating the
 * layers needs only the array views, not their values. So the caller translates while the bytes arrive
 * and the hash is ready about when the read is.
 */
final class WeightsLoad {

    /**
     * Read size: a single read as large as the array makes the JDK copy through a native buffer as large
     * as the file, doubling the peak RSS (docs/darknet2onnx.md).
     */
    private static final int CHUNK = 1 << 20;
    /** End of input for the hasher. */
    private static final int DONE = -1;

    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final CompletableFuture<String> sha256 = new CompletableFuture<>();

    private WeightsLoad() {
    }

    /** Starts reading {@code path} into {@code target} (its whole capacity, from file offset 0). */
    static WeightsLoad start(Path path, ByteBuffer target) {
        WeightsLoad load = new WeightsLoad();
        // chunk ends, in order; bounded so that a stalled hasher cannot queue the whole file
        BlockingQueue<Integer> readUpTo = new ArrayBlockingQueue<>(Math.max(1, target.capacity() / CHUNK + 2));
        daemon("weights-reader", () -> load.read(path, target, readUpTo));
        daemon("weights-sha256", () -> load.hash(target, readUpTo));
        return load;
    }

    /** Waits until the buffer holds the whole file. */
    void await() throws IOException {
        join(loaded);
    }

    /** {@link #await()} for accessors that cannot throw {@link IOException}. */
    void awaitUnchecked() {
        try {
            await();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lower-case hex SHA-256 of the whole file, complete shortly after the read. */
    CompletableFuture<String> sha256() {
        return sha256;
    }

    private void read(Path path, ByteBuffer target, BlockingQueue<Integer> readUpTo) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            int position = 0;
            while (position < target.capacity()) {
                ByteBuffer chunk = target.slice(position, Math.min(CHUNK, target.capacity() - position));
                while (chunk.hasRemaining()) {
                    if (channel.read(chunk, position + chunk.position()) < 0) {
                        throw new EOFException(path + " ended while reading it (was it changed meanwhile?)");
                    }
                }
                position += chunk.capacity();
                readUpTo.put(position);
            }
            loaded.complete(null);
        } catch (IOException | RuntimeException e) {
            loaded.completeExceptionally(e);
        } catch (InterruptedException e) {
            loaded.completeExceptionally(new IOException("interrupted while reading " + path, e));
        } finally {
            readUpTo.offer(DONE); // room is left for it: the queue holds every chunk end plus one
        }
    }

    private void hash(ByteBuffer target, BlockingQueue<Integer> readUpTo) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] bytes = target.array();
            int from = target.arrayOffset();
            for (int end = readUpTo.take(); end != DONE; end = readUpTo.take()) {
                digest.update(bytes, from, target.arrayOffset() + end - from);
                from = target.arrayOffset() + end;
            }
            loaded.join(); // the reader stopped: complete, or fail as it failed
            sha256.complete(HexFormat.of().formatHex(digest.digest()));
        } catch (NoSuchAlgorithmException e) {
            sha256.completeExceptionally(new IOException("this Java runtime has no SHA-256", e));
        } catch (CompletionException e) {
            sha256.completeExceptionally(e.getCause());
        } catch (InterruptedException e) {
            sha256.completeExceptionally(new IOException("interrupted while hashing the weights", e));
        }
    }

    /** Waits for a stage of the load, rethrowing its {@link IOException} as it was. */
    static <T> T join(CompletableFuture<T> stage) throws IOException {
        try {
            return stage.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("reading the weights failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the weights", e);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
