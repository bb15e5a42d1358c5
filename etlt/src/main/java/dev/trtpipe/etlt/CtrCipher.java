package dev.trtpipe.etlt;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-CTR as TAO uses it: the 16-byte nonce is the whole initial counter block, one continuous
 * keystream over the payload (docs/etlt.md §2). Encryption and decryption are the same operation.
 */
final class CtrCipher {

    static final int NONCE_BYTES = 16;

    private CtrCipher() {
    }

    static Cipher create(EtltKey key, byte[] nonce) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key.aesKey(), "AES"), new IvParameterSpec(nonce));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot do AES/CTR/NoPadding, which every JDK ships: " + e.getMessage(), e);
        }
    }
}
