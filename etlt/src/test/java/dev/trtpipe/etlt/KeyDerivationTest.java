package dev.trtpipe.etlt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyDerivationTest {

    /** docs/etlt.md §9.1 (also what Python's hashlib.pbkdf2_hmac gives). */
    @ParameterizedTest
    @CsvSource({
            "nvidia_tlt, ea82d654e0bf5d97af42c4dcd6bff6cc69143a97e343b6ae8d12c6bb18be5410",
            "tlt_encode, 5c192ece6a4278fb0d791cce8178a21760a0c93f79e5ba4d2d96644af294e185",
            "nvidia_tao, 6b8b05fa8643d7b548345ef29258ba2a8d668bd166f2d1ebd999743bc6d1d4d9"})
    void derivesTheDocumentedAesKeys(String password, String expectedHex) {
        assertThat(HexFormat.of().formatHex(KeyDerivation.aesKey(password))).isEqualTo(expectedHex);
    }
}
