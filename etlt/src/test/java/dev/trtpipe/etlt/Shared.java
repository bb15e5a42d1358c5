package dev.trtpipe.etlt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The reference files in ../shared/etlt and their documented facts (docs/etlt.md §9, etlt/PROVENANCE.txt). */
final class Shared {

    static final String NGC_KEY = "nvidia_tlt";

    static final Path UFF_ETLT = etlt("usa_pruned.etlt");
    static final String UFF_PLAINTEXT_SHA256 = "b42b287820222d15f922af76590d37a71d220dc916740cc74aae6a5a9ada76b8";
    static final long UFF_PLAINTEXT_BYTES = 978_307;

    static final Path ONNX_ETLT = etlt("faciallandmarks.etlt");
    static final String ONNX_PLAINTEXT_SHA256 = "2c281b7a0a0d1b1c8cc48c32279468c45e5377694310b6a86808a74fbdb18928";
    static final long ONNX_PLAINTEXT_BYTES = 2_350_994;

    static final Path FPENET_CAL = etlt("fpenet_cal.txt");
    static final Path LPD_CAL = etlt("usa_lpd_cal.bin");

    private Shared() {
    }

    static Path etlt(String name) {
        return Path.of(System.getProperty("trtpipe.shared", "../shared")).resolve("etlt").resolve(name);
    }

    /** The summary of a shared {@code .etlt} (all use the key {@value #NGC_KEY}). */
    static ModelSummary inspect(Path etlt) throws IOException {
        try (Plaintext plain = EtltFile.read(etlt).decrypt(EtltKey.of(NGC_KEY))) {
            return ModelInspector.inspect(plain);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
