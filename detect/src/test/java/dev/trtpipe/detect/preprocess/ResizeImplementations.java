package dev.trtpipe.detect.preprocess;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Runs preprocessing test cases on every {@link ResizeImplementation}: those not available here (no native
 * library, no AVX2) show up as skipped, with the reason, rather than silently missing.
 */
final class ResizeImplementations {

    private ResizeImplementations() {
    }

    /** Every case once per implementation, the implementation first. */
    static Stream<Arguments> all(Arguments... cases) {
        return crossed(List.of(ResizeImplementation.values()), cases);
    }

    /** Every case once per native implementation, the implementation first. */
    static Stream<Arguments> natives(Arguments... cases) {
        return crossed(List.of(ResizeImplementation.NATIVE_SCALAR, ResizeImplementation.NATIVE_AVX2), cases);
    }

    private static Stream<Arguments> crossed(List<ResizeImplementation> implementations, Arguments[] cases) {
        return implementations.stream().flatMap(impl -> Arrays.stream(cases)
                .map(c -> Arguments.of(Stream.concat(Stream.of(impl), Arrays.stream(c.get())).toArray())));
    }

    /** The implementation's kernel, or the test skipped where it is not available. */
    static ResizeKernel kernelOf(ResizeImplementation implementation) {
        assumeAvailable(implementation);
        return implementation.kernel();
    }

    static void assumeAvailable(ResizeImplementation implementation) {
        assumeTrue(implementation.isAvailable(), () -> implementation + " is not available: " + ResizeImplementation.nativeStatus());
    }

    /** Index of the first value whose bits differ (NaN payloads and the sign of zero included), or -1. */
    static int firstBitDifference(float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            throw new AssertionError("lengths differ: " + actual.length + " vs " + expected.length);
        }
        for (int i = 0; i < actual.length; i++) {
            if (Float.floatToRawIntBits(actual[i]) != Float.floatToRawIntBits(expected[i])) {
                return i;
            }
        }
        return -1;
    }
}
