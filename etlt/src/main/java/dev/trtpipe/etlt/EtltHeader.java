package dev.trtpipe.etlt;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The clear-text part of an {@code .etlt}: {@code int32 LE nameLen | name | 16-byte nonce}, then the
 * ciphertext to the end of the file (docs/etlt.md §1).
 *
 * @param inputName     the first input's name for UFF payloads; empty for ONNX
 * @param nonce         the initial AES-CTR counter block
 * @param payloadOffset where the ciphertext starts
 * @param payloadLength ciphertext length = plaintext length (no padding, no MAC)
 */
public record EtltHeader(String inputName, byte[] nonce, long payloadOffset, long payloadLength) {

    /** No real input name comes close; a larger value means the file is not an .etlt. */
    static final int MAX_NAME_BYTES = 4096;

    public EtltHeader {
        nonce = nonce.clone();
    }

    /** The payload the header announces: a name means UFF, none means ONNX. The payload itself decides (see {@link Plaintext#kind()}). */
    public PayloadKind declaredKind() {
        return inputName.isEmpty() ? PayloadKind.ONNX : PayloadKind.UFF;
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    public String nonceHex() {
        return HexFormat.of().formatHex(nonce);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EtltHeader h && inputName.equals(h.inputName) && Arrays.equals(nonce, h.nonce)
                && payloadOffset == h.payloadOffset && payloadLength == h.payloadLength;
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputName, Arrays.hashCode(nonce), payloadOffset, payloadLength);
    }

    @Override
    public String toString() {
        return "EtltHeader[inputName=" + inputName + ", nonce=" + nonceHex() + ", payloadOffset=" + payloadOffset
                + ", payloadLength=" + payloadLength + "]";
    }

    /** Reads and validates the header of {@code file}, open as {@code channel}. */
    static EtltHeader read(FileChannel channel, Path file) throws IOException {
        long size = channel.size();
        int minimum = 4 + CtrCipher.NONCE_BYTES;
        if (size < minimum) {
            throw new EtltFormatException(file + ": not an .etlt (" + size + " bytes, shorter than the " + minimum + "-byte header)");
        }
        int nameLength = readFully(channel, 0, 4, file).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (nameLength < 0 || nameLength > MAX_NAME_BYTES) {
            throw new EtltFormatException(file + ": not an .etlt (bad header length " + nameLength + " at offset 0; expected 0 for ONNX or"
                    + " the length of an input name for UFF)");
        }
        long payloadOffset = 4L + nameLength + CtrCipher.NONCE_BYTES;
        if (payloadOffset >= size) {
            throw new EtltFormatException(file + ": truncated .etlt (" + size + " bytes; header length " + nameLength
                    + " at offset 0 needs more than " + payloadOffset + " bytes)");
        }
        String name = decodeName(readFully(channel, 4, nameLength, file), file);
        byte[] nonce = new byte[CtrCipher.NONCE_BYTES];
        readFully(channel, 4 + nameLength, nonce.length, file).get(nonce);
        return new EtltHeader(name, nonce, payloadOffset, size - payloadOffset);
    }

    private static String decodeName(ByteBuffer bytes, Path file) throws EtltFormatException {
        String name;
        try {
            name = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            name = null;
        }
        if (name == null || name.chars().anyMatch(Character::isISOControl)) {
            throw new EtltFormatException(file + ": not an .etlt (the input name at offset 4 is not text)");
        }
        return name;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length, Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException(file + ": truncated at offset " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }
}
