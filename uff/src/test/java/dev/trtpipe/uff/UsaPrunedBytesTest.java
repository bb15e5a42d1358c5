package dev.trtpipe.uff;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The speed work on the translation (issue 11 item 7) must not change a byte of its output: the SHA-256 below
 * is that of {@code trtpipe etlt2onnx -k nvidia_tlt ../shared/etlt/usa_pruned.etlt} as written by main at
 * ab591eb, before any of it (the same with {@code --nms onnx}: the model has no NMS). Its semantics are checked
 * by {@link UsaPrunedTranslationTest}; this pins the encoding, and the file written equals the bytes in memory.
 */
class UsaPrunedBytesTest {

    private static final String SHA256_AT_AB591EB = "6468bfe41fb5a9ec07321d09601bb6fd1d88c305cb9f7a860e55e41ee4082450";

    @Test
    void translatesToTheSameBytesAsBeforeTheSpeedWork(@TempDir Path dir) throws Exception {
        UffToOnnx.Result result = UffToOnnx.standard().translate(SharedUff.usaPruned());
        Path file = dir.resolve("usa_pruned.onnx");
        long written = result.write(file);

        byte[] onDisk = Files.readAllBytes(file);
        assertThat(written).isEqualTo(onDisk.length);
        assertThat(sha256(onDisk)).isEqualTo(SHA256_AT_AB591EB);
        assertThat(sha256(result.toBytes())).isEqualTo(SHA256_AT_AB591EB);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
