package dev.trtpipe.darknet;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Reads a weights file on a background thread, one heap array per {@link Piece} (the header; runs of
 * layer records), while a second thread hashes every chunk as soon as it has arrived. A cold conversion of a
 * full-size network is mostly waiting for memory: allocating 250 MB of heap (the JVM zeroes it, the
 * kernel faults it in) costs as much as reading into it, and hashing as much again, while translating
 * the layers needs only the arrays, not their values. So a piece's array is handed out as soon as it is
 * allocated, the caller translates layers right behind the reader, and the hash is ready about when
 * the read is.
 */
final class WeightsLoad {

    /**
     * Read size: a single read as large as the array makes the JDK copy through a native buffer as large
     * as the array, doubling the peak RSS (docs/darknet2onnx.md).
     */
    private static final int CHUNK = 1 << 20;

    /** A contiguous part of the file that gets an array of its own. */
    static final class Piece {
        private final long fileOffset;
        private final int length;
        private final CompletableFuture<ByteBuffer> allocated = new CompletableFuture<>();

        Piece(long fileOffset, int length) {
            this.fileOffset = fileOffset;
            this.length = length;
        }

        /** A piece that is already in memory (zeros standing in for a layer a partial file lacks). */
        static Piece of(ByteBuffer bytes) {
            Piece piece = new Piece(-1, bytes.capacity());
            piece.allocated.complete(bytes.order(ByteOrder.LITTLE_ENDIAN));
            return piece;
        }

        int length() {
            return length;
        }

        /** Where the piece starts in the file; −1 for one that is not from a file. */
        long fileOffset() {
            return fileOffset;
        }

        /** The piece's array, waiting until the reader has allocated it (not until it is filled). */
        ByteBuffer array() {
            try {
                return join(allocated);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Bytes {@code [from, to)} of an array are read: the hasher's input, in file order. */
    private record Span(byte[] array, int from, int to) {
        static final Span END = new Span(new byte[0], 0, 0);
    }

    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final CompletableFuture<String> sha256 = new CompletableFuture<>();

    private WeightsLoad() {
    }

    /** Starts reading {@code path}; {@code pieces} cover it from offset 0 without gaps, in order. */
    static WeightsLoad start(Path path, List<Piece> pieces) {
        WeightsLoad load = new WeightsLoad();
        int chunks = pieces.stream().mapToInt(p -> (p.length + CHUNK - 1) / CHUNK).sum();
        // holds every chunk plus the end: the reader never blocks on the hasher
        BlockingQueue<Span> read = new ArrayBlockingQueue<>(chunks + 1);
        daemon("weights-reader", () -> load.read(path, pieces, read));
        daemon("weights-sha256", () -> load.hash(read));
        return load;
    }

    /** Waits until every piece holds its bytes. */
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

    private void read(Path path, List<Piece> pieces, BlockingQueue<Span> read) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            for (Piece piece : pieces) {
                ByteBuffer array = ByteBuffer.allocate(piece.length).order(ByteOrder.LITTLE_ENDIAN);
                piece.allocated.complete(array);
                for (int position = 0; position < piece.length; ) {
                    ByteBuffer chunk = array.slice(position, Math.min(CHUNK, piece.length - position));
                    while (chunk.hasRemaining()) {
                        if (channel.read(chunk, piece.fileOffset + position + chunk.position()) < 0) {
                            throw new EOFException(path + " ended while reading it (was it changed meanwhile?)");
                        }
                    }
                    read.add(new Span(array.array(), position, position + chunk.capacity()));
                    position += chunk.capacity();
                }
            }
            loaded.complete(null);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            // handed to the threads waiting for the load (an unhandled error here would leave them waiting)
            loaded.completeExceptionally(e);
            pieces.forEach(p -> p.allocated.completeExceptionally(e)); // no-op for those allocated
        } finally {
            read.add(Span.END);
        }
    }

    private void hash(BlockingQueue<Span> read) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Span span = read.take(); span != Span.END; span = read.take()) {
                digest.update(span.array(), span.from(), span.to() - span.from());
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
            if (cause instanceof OutOfMemoryError) {
                throw new IOException("not enough Java heap to hold the weights (" + cause.getMessage()
                        + "); give the JVM more with -Xmx, e.g. TRTPIPE_JAVA_OPTS=-Xmx4g", cause);
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
