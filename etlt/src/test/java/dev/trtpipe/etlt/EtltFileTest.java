package dev.trtpipe.etlt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtltFileTest {

    @TempDir
    Path dir;

    @Test
    void readsTheUffHeader() throws IOException {
        EtltHeader header = EtltFile.read(Shared.UFF_ETLT).header();

        assertThat(header.inputName()).isEqualTo("input_1");
        assertThat(header.declaredKind()).isEqualTo(PayloadKind.UFF);
        assertThat(header.nonceHex()).isEqualTo("3578ce489a96332eb5d4c8a69a4813c6");
        assertThat(header.payloadOffset()).isEqualTo(27);
        assertThat(header.payloadLength()).isEqualTo(Shared.UFF_PLAINTEXT_BYTES);
    }

    @Test
    void readsTheOnnxHeader() throws IOException {
        EtltHeader header = EtltFile.read(Shared.ONNX_ETLT).header();

        assertThat(header.inputName()).isEmpty();
        assertThat(header.declaredKind()).isEqualTo(PayloadKind.ONNX);
        assertThat(header.nonceHex()).isEqualTo("5b762080b65b74badf98de8c0995008b");
        assertThat(header.payloadLength()).isEqualTo(Shared.ONNX_PLAINTEXT_BYTES);
    }

    @Test
    void decryptsUffToTheDocumentedPlaintext() throws IOException {
        try (Plaintext plain = EtltFile.read(Shared.UFF_ETLT).decrypt(EtltKey.of(Shared.NGC_KEY));
             InputStream in = plain.inputStream()) {
            assertThat(plain.kind()).isEqualTo(PayloadKind.UFF);
            assertThat(plain.headerMismatch()).isEmpty();
            assertThat(Shared.sha256(in)).isEqualTo(Shared.UFF_PLAINTEXT_SHA256);
        }
    }

    @Test
    void decryptsOnnxToTheDocumentedPlaintextFile() throws IOException {
        Path out = dir.resolve("fpenet.onnx");
        try (Plaintext plain = EtltFile.read(Shared.ONNX_ETLT).decrypt(EtltKey.of(Shared.NGC_KEY))) {
            assertThat(plain.kind()).isEqualTo(PayloadKind.ONNX);
            assertThat(plain.transferTo(out)).isEqualTo(Shared.ONNX_PLAINTEXT_BYTES);
        }
        assertThat(Shared.sha256(out)).isEqualTo(Shared.ONNX_PLAINTEXT_SHA256);
    }

    @Test
    void reportsAWrongKeyByFileAndKeySource() throws IOException {
        EtltFile etlt = EtltFile.read(Shared.ONNX_ETLT);

        assertThatThrownBy(() -> etlt.decrypt(EtltKey.of("tlt_encode")))
                .isInstanceOf(WrongKeyException.class)
                .hasMessageStartingWith("wrong key for " + Shared.ONNX_ETLT + " (payload is not ONNX or UFF)")
                .hasMessageContaining("the key given")
                .hasMessageContaining("nvidia_tlt, tlt_encode or nvidia_tao");
    }

    @Test
    void reportsAWrongKeyForUffToo() throws IOException {
        EtltFile etlt = EtltFile.read(Shared.UFF_ETLT);

        assertThatThrownBy(() -> etlt.decrypt(EtltKey.of("nvidia_tao")))
                .isInstanceOf(WrongKeyException.class)
                .hasMessageStartingWith("wrong key for " + Shared.UFF_ETLT + " (payload is not ONNX or UFF)");
    }

    @Test
    void rejectsAFileTruncatedInsideTheHeader() throws IOException {
        Path cut = copyPrefix(Shared.UFF_ETLT, 20); // needs 4 + 7 + 16 = 27 bytes before the payload

        assertThatThrownBy(() -> EtltFile.read(cut))
                .isInstanceOf(EtltFormatException.class)
                .hasMessage(cut + ": truncated .etlt (20 bytes; header length 7 at offset 0 needs more than 27 bytes)");
    }

    @Test
    void rejectsAFileShorterThanAnyHeader() throws IOException {
        Path cut = copyPrefix(Shared.ONNX_ETLT, 12);

        assertThatThrownBy(() -> EtltFile.read(cut))
                .isInstanceOf(EtltFormatException.class)
                .hasMessage(cut + ": not an .etlt (12 bytes, shorter than the 20-byte header)");
    }

    @Test
    void rejectsANegativeNameLength() throws IOException {
        Path bad = withNameLength(-1);

        assertThatThrownBy(() -> EtltFile.read(bad))
                .isInstanceOf(EtltFormatException.class)
                .hasMessageStartingWith(bad + ": not an .etlt (bad header length -1 at offset 0;");
    }

    @Test
    void rejectsAHugeNameLength() throws IOException {
        Path bad = withNameLength(0x7fff_fff0);

        assertThatThrownBy(() -> EtltFile.read(bad))
                .isInstanceOf(EtltFormatException.class)
                .hasMessageStartingWith(bad + ": not an .etlt (bad header length 2147483632 at offset 0;");
    }

    @Test
    void rejectsANameThatIsNotText() throws IOException {
        Path bad = dir.resolve("binary-name.etlt");
        Files.write(bad, ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putInt(3).put(new byte[] {1, 2, 3}).array());

        assertThatThrownBy(() -> EtltFile.read(bad))
                .isInstanceOf(EtltFormatException.class)
                .hasMessage(bad + ": not an .etlt (the input name at offset 4 is not text)");
    }

    @Test
    void doesNotMistakeARandomPayloadForAModel() throws IOException {
        // a file that is all header and noise: what a wrong key looks like to the sniffer
        Path noise = dir.resolve("noise.etlt");
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0);
        Files.write(noise, bytes);

        assertThatThrownBy(() -> EtltFile.read(noise).decrypt(EtltKey.of(Shared.NGC_KEY)))
                .isInstanceOf(WrongKeyException.class);
    }

    private Path copyPrefix(Path file, int length) throws IOException {
        Path cut = dir.resolve("cut-" + file.getFileName());
        byte[] all = Files.readAllBytes(file);
        Files.write(cut, Arrays.copyOf(all, length));
        return cut;
    }

    private Path withNameLength(int nameLength) throws IOException {
        Path bad = dir.resolve("name-length-" + nameLength + ".etlt");
        byte[] all = Files.readAllBytes(Shared.ONNX_ETLT);
        ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putInt(0, nameLength);
        Files.write(bad, all);
        return bad;
    }
}
