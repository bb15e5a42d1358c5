package dev.trtpipe.uff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The UFF payload of ../shared/etlt/usa_pruned.etlt, decrypted here with JCE straight from docs/etlt.md §1–§3
 * (the uff module does not depend on the etlt module, which depends on it).
 */
final class SharedUff {

    static final Path SHARED = Path.of(System.getProperty("trtpipe.shared", "../shared"));
    static final Path USA_PRUNED = SHARED.resolve("etlt/usa_pruned.etlt");
    private static final byte[] SALT = HexFormat.of().parseHex("cb3cdc2e858689da908563056a00dbed09ac076c785543c4610f06d31b53a732");
    private static byte[] cached;

    private SharedUff() {
    }

    static synchronized byte[] usaPrunedPlaintext() throws IOException {
        if (cached == null) {
            cached = decrypt(Files.readAllBytes(USA_PRUNED), "nvidia_tlt");
        }
        return cached;
    }

    static UffGraph usaPruned() throws IOException {
        return UffGraph.read(usaPrunedPlaintext(), USA_PRUNED.toString());
    }

    private static byte[] decrypt(byte[] file, String key) {
        int nameLen = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] nonce = Arrays.copyOfRange(file, 4 + nameLen, 20 + nameLen);
        try {
            byte[] aes = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(key.toCharArray(), SALT, 100_000, 256)).getEncoded();
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(aes, "AES"), new IvParameterSpec(nonce));
            return cipher.doFinal(file, 20 + nameLen, file.length - 20 - nameLen);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
