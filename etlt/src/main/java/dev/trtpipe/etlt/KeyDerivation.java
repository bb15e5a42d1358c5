package dev.trtpipe.etlt;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The TLT/TAO key schedule: PBKDF2-HMAC-SHA256 over the key string with a fixed salt, 100 000
 * iterations, 32 bytes (docs/etlt.md §2). A derivation costs about 100 ms, so results are cached per key
 * string for the life of the process.
 */
final class KeyDerivation {

    private static final byte[] SALT = HexFormat.of().parseHex("cb3cdc2e858689da908563056a00dbed09ac076c785543c4610f06d31b53a732");
    private static final int ITERATIONS = 100_000;
    private static final int KEY_BITS = 256;
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private KeyDerivation() {
    }

    /** The AES-256 key for {@code password} (a fresh copy; callers may wipe it). */
    static byte[] aesKey(String password) {
        return CACHE.computeIfAbsent(password, KeyDerivation::derive).clone();
    }

    private static byte[] derive(String password) {
        // SunJCE encodes the char[] as UTF-8, the same bytes as Python's str.encode() used by TAO
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), SALT, ITERATIONS, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime lacks PBKDF2WithHmacSHA256, which every JDK ships: " + e.getMessage(), e);
        } finally {
            spec.clearPassword();
        }
    }
}
