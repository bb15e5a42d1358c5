package dev.trtpipe.etlt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtltWriterTest {

    @TempDir
    Path dir;

    @Test
    void reencryptedOnnxDecryptsToTheSameBytes() throws IOException {
        Path onnx = decrypt(Shared.ONNX_ETLT, Shared.NGC_KEY, dir.resolve("fpenet.onnx"));
        Path etlt = dir.resolve("fpenet.etlt");

        EtltWriter.encrypt(onnx, "", EtltKey.of("my key"), etlt);

        EtltFile again = EtltFile.read(etlt);
        assertThat(again.header().inputName()).isEmpty();
        assertThat(Files.size(etlt)).isEqualTo(Files.size(Shared.ONNX_ETLT)); // same layout: 4 + 16 + payload
        assertThat(Shared.sha256(decrypt(etlt, "my key", dir.resolve("again.onnx")))).isEqualTo(Shared.ONNX_PLAINTEXT_SHA256);
    }

    @Test
    void reencryptedUffKeepsItsInputName() throws IOException {
        Path uff = decrypt(Shared.UFF_ETLT, Shared.NGC_KEY, dir.resolve("lpd.uff"));
        Path etlt = dir.resolve("lpd.etlt");

        EtltWriter.encrypt(uff, "input_1", EtltKey.of("my key"), etlt);

        try (Plaintext plain = EtltFile.read(etlt).decrypt(EtltKey.of("my key")); InputStream in = plain.inputStream()) {
            assertThat(plain.kind()).isEqualTo(PayloadKind.UFF);
            assertThat(plain.headerMismatch()).isEmpty();
            assertThat(Shared.sha256(in)).isEqualTo(Shared.UFF_PLAINTEXT_SHA256);
        }
    }

    @Test
    void everyFileGetsItsOwnNonce() throws IOException {
        Path onnx = decrypt(Shared.ONNX_ETLT, Shared.NGC_KEY, dir.resolve("fpenet.onnx"));
        EtltWriter.encrypt(onnx, "", EtltKey.of(Shared.NGC_KEY), dir.resolve("a.etlt"));
        EtltWriter.encrypt(onnx, "", EtltKey.of(Shared.NGC_KEY), dir.resolve("b.etlt"));

        assertThat(EtltFile.read(dir.resolve("a.etlt")).header().nonceHex())
                .isNotEqualTo(EtltFile.read(dir.resolve("b.etlt")).header().nonceHex())
                .isNotEqualTo(EtltFile.read(Shared.ONNX_ETLT).header().nonceHex());
    }

    @Test
    void warnsWhenTheHeaderContradictsThePayload() throws IOException {
        // legacy EfficientDet-style: an input name in the header, ONNX inside (docs/etlt.md §4)
        Path onnx = decrypt(Shared.ONNX_ETLT, Shared.NGC_KEY, dir.resolve("fpenet.onnx"));
        Path etlt = dir.resolve("named.etlt");
        EtltWriter.encrypt(onnx, "image_arrays:0", EtltKey.of(Shared.NGC_KEY), etlt);

        try (Plaintext plain = EtltFile.read(etlt).decrypt(EtltKey.of(Shared.NGC_KEY))) {
            assertThat(plain.kind()).isEqualTo(PayloadKind.ONNX);
            assertThat(plain.headerMismatch()).contains(etlt + ": the header has input name 'image_arrays:0' (UFF)"
                    + " but the payload is ONNX; going by the payload");
        }
    }

    private static Path decrypt(Path etlt, String key, Path out) throws IOException {
        try (Plaintext plain = EtltFile.read(etlt).decrypt(EtltKey.of(key))) {
            plain.transferTo(out);
        }
        return out;
    }
}
