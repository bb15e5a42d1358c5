package dev.trtpipe.etlt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/** Channel-to-channel copy through one large heap buffer: big enough for AES intrinsics and the disk to run at full speed. */
final class ChannelCopy {

    static final int BUFFER_BYTES = 1 << 20;

    private ChannelCopy() {
    }

    static long copy(ReadableByteChannel from, WritableByteChannel to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        long total = 0;
        while (from.read(buffer) >= 0 || buffer.position() > 0) {
            buffer.flip();
            while (buffer.hasRemaining()) {
                total += to.write(buffer);
            }
            buffer.clear();
        }
        return total;
    }
}
