package dev.trtpipe.detect.tao;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The lines of a UTF-8 text file, like {@link Files#readAllLines}, but a byte that is not UTF-8 is reported
 * with the file, line and byte offset: the JDK's MalformedInputException says only "Input length = 1".
 */
final class Utf8Lines {

    private Utf8Lines() {
    }

    /** @param what the kind of file, for the message (e.g. "nvinfer config") */
    static List<String> read(Path file, String what) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder(); // reports malformed input, replaces nothing
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            throw new IOException(file + ":" + lineAt(bytes, offset) + ": byte " + offset + " (0x"
                    + String.format("%02x", bytes[offset] & 0xff) + ") is not UTF-8 text; is this really the " + what
                    + "? save it as UTF-8 text");
        }
        decoder.flush(out);
        return out.flip().toString().lines().toList();
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
