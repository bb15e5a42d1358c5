package dev.trtpipe.samples.compare;

import java.util.Set;

/**
 * How a {@code -k} value appears in the printed commands and the saved reports: NGC's public keys and
 * {@code env:}/{@code file:} references as given, any other literal key as {@code <key>} so a private
 * key does not end up in a report file.
 */
final class KeyDisplay {

    private static final Set<String> PUBLIC_NGC_KEYS = Set.of("nvidia_tlt", "tlt_encode", "nvidia_tao");

    private KeyDisplay() {
    }

    static String of(String keySpec) {
        return PUBLIC_NGC_KEYS.contains(keySpec) || keySpec.startsWith("env:") || keySpec.startsWith("file:") ? keySpec : "<key>";
    }
}
