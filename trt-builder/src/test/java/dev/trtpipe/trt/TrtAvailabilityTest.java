package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrtAvailabilityTest {

    @Test
    void withoutTheDriverTheProbeNamesWhatIsMissingAndRequireThrows() {
        assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT and a GPU");
        TrtAvailability.Status s = TrtAvailability.probe();
        assertThat(s.message()).startsWith("TensorRT is not usable on this host: missing ")
                .doesNotContain("\n").doesNotContain("Exception").doesNotContain("Error:");
        assertThat(s.missingLibraries()).isNotEmpty();
        assertThatThrownBy(TrtAvailability::require).isInstanceOf(TrtUnavailableException.class).hasMessage(s.message());
        // cached: the second probe is the same object, not a NoClassDefFoundError from a second load attempt
        assertThat(TrtAvailability.probe()).isSameAs(s);
    }

    @Test
    void onThisCiHostTheDriverAndTensorRtAreNamed() {
        assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT and a GPU");
        assumeFalse(MissingLibraries.findable("libcuda.so.1"), "this host has an NVIDIA driver");
        assertThat(TrtAvailability.probe().missingLibraries()).contains("libcuda.so.1");
        assertThat(TrtAvailability.probe().message()).contains("libcuda.so.1 (the NVIDIA driver");
        if (!MissingLibraries.findable("libnvinfer.so.10")) {
            assertThat(TrtAvailability.probe().message()).contains("libnvinfer.so.10").contains("TensorRT 10: install it");
        }
    }

    @Test
    void readsLibraryNamesFromDlopenMessagesInTheCauseChain() {
        UnsatisfiedLinkError cause = new UnsatisfiedLinkError(
                "/root/.javacpp/cache/cuda.jar/org/bytedeco/cuda/linux-x86_64/libjnicudart.so: libcuda.so.1: cannot open shared object file: No such file or directory");
        UnsatisfiedLinkError top = new UnsatisfiedLinkError("no jnicudart in java.library.path: /usr/lib");
        top.initCause(cause);
        assertThat(MissingLibraries.fromError(top)).startsWith("libcuda.so.1").doesNotContain("libjnicudart.so");
    }

    @Test
    void groupsLibrariesThatShareARemedy() {
        String m = MissingLibraries.describe(List.of("libcuda.so.1", "libnvinfer.so.10", "libnvonnxparser.so.10"), new UnsatisfiedLinkError("x"));
        assertThat(m).contains("missing libcuda.so.1 (the NVIDIA driver")
                .contains("; libnvinfer.so.10, libnvonnxparser.so.10 (TensorRT 10: install it");
    }
}
