package dev.trtpipe.detect.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Loading the native library and choosing the resize implementation. Where the build made the library (the
 * pom passes {@code trtpipe.native.built}), it must load and be used: a library that silently fails to load
 * would leave every other test running Java and passing.
 */
class NativeLibraryTest {

    @Test
    void theLibraryTheBuildMadeIsLoadedAndPreferred() throws IOException {
        String built = System.getProperty("trtpipe.native.built", "none");
        assumeTrue(!built.equals("none"), "this build made no native library (no gcc, or another platform)");
        Optional<String> off = NativeLibrary.switchedOff(System.getProperty(NativeLibrary.SWITCH_PROPERTY),
                System.getenv(NativeLibrary.SWITCH_ENV));

        if (off.isPresent()) { // a run of the suite on the Java path
            assertThat(ResizeImplementation.preferred()).isEqualTo(ResizeImplementation.JAVA);
            assertThat(ResizeImplementation.nativeStatus()).contains("turned off by");
            return;
        }
        assertThat(NativeLibrary.platform(System.getProperty("os.name"), System.getProperty("os.arch"))).contains(built);
        assertThat(NativeLibrary.status().loaded()).as(NativeLibrary.status().description()).isTrue();
        assertThat(ResizeImplementation.preferred()).as(ResizeImplementation.nativeStatus())
                .isEqualTo(cpuFlags().contains("avx2") ? ResizeImplementation.NATIVE_AVX2 : ResizeImplementation.NATIVE_SCALAR);
        assertThat(new Preprocessor(32, 32, true).implementation()).isEqualTo(ResizeImplementation.preferred());
    }

    @Test
    void turnedOffByFalseOrZeroInThePropertyOrTheEnvironment() {
        assertThat(NativeLibrary.switchedOff("false", null)).contains("turned off by -Dtrtpipe.native=false");
        assertThat(NativeLibrary.switchedOff("0", null)).isPresent();
        assertThat(NativeLibrary.switchedOff(null, "0")).contains("turned off by TRTPIPE_NATIVE=0");
        assertThat(NativeLibrary.switchedOff(null, "FALSE")).isPresent();
        assertThat(NativeLibrary.switchedOff(null, null)).isEmpty();
        assertThat(NativeLibrary.switchedOff("true", "1")).isEmpty();
    }

    @Test
    void platformNamesAreTheBuildsDirectories() {
        assertThat(NativeLibrary.platform("Linux", "amd64")).contains("linux-x86_64");
        assertThat(NativeLibrary.platform("Linux", "aarch64")).contains("linux-aarch64");
        assertThat(NativeLibrary.platform("Linux", "ppc64le")).isEmpty();
        assertThat(NativeLibrary.platform("Mac OS X", "aarch64")).isEmpty();
        assertThat(NativeLibrary.resource("linux-x86_64")).isEqualTo("native/linux-x86_64/libtrtpipe_detect.so");
    }

    @Test
    void aPreprocessorKeepsItsImplementationAndRefusesAnUnavailableOne() {
        Preprocessor java = new Preprocessor(64, 48, false).using(ResizeImplementation.JAVA);
        assertThat(java.implementation()).isEqualTo(ResizeImplementation.JAVA);
        assertThat(java.sequential().implementation()).isEqualTo(ResizeImplementation.JAVA);

        for (ResizeImplementation implementation : ResizeImplementation.values()) {
            if (!implementation.isAvailable()) {
                assertThatThrownBy(() -> java.using(implementation)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(implementation.label() + " resize is not available")
                        .hasMessageContaining(ResizeImplementation.nativeStatus());
            }
        }
    }

    /** The CPU's feature flags as Linux reports them (none elsewhere). */
    private static List<String> cpuFlags() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return List.of();
        }
        return Files.readAllLines(cpuinfo).stream().filter(line -> line.startsWith("flags")).findFirst()
                .map(line -> List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"))).orElse(List.of());
    }
}
