package dev.trtpipe.detect.preprocess;

/**
 * Which code runs darknet's resize in a {@link Preprocessor}. All give the same bits; they differ only in
 * speed. New preprocessors use {@link #preferred()}: the fastest available here.
 */
public enum ResizeImplementation {
    /** Plain Java; always available. */
    JAVA("java"),
    /** The C kernel without AVX2: any x86-64 or aarch64 where the native library loaded. */
    NATIVE_SCALAR("native-scalar"),
    /** The C kernel with AVX2: x86-64 CPUs that have it, where the native library loaded. */
    NATIVE_AVX2("native-avx2");

    private final String label;

    ResizeImplementation(String label) {
        this.label = label;
    }

    /** e.g. {@code native-avx2}, for timing output. */
    public String label() {
        return label;
    }

    /** Whether it can run here (for a native one this loads the library on the first call). */
    public boolean isAvailable() {
        return switch (this) {
            case JAVA -> true;
            case NATIVE_SCALAR -> NativeResizeKernel.support().usable();
            case NATIVE_AVX2 -> NativeResizeKernel.support().usable() && NativeResizeKernel.support().avx2();
        };
    }

    /** The fastest available implementation. */
    public static ResizeImplementation preferred() {
        return NATIVE_AVX2.isAvailable() ? NATIVE_AVX2 : NATIVE_SCALAR.isAvailable() ? NATIVE_SCALAR : JAVA;
    }

    /**
     * One line on the native library: where it was loaded from and whether the CPU has AVX2, or why it is
     * not used (turned off, not built into this jar, not loadable here).
     */
    public static String nativeStatus() {
        return NativeResizeKernel.support().description();
    }

    @Override
    public String toString() {
        return label;
    }

    /** @throws IllegalStateException it is not available here (the message says why) */
    ResizeKernel kernel() {
        if (!isAvailable()) {
            throw new IllegalStateException("the " + label + " resize is not available: " + nativeStatus());
        }
        return switch (this) {
            case JAVA -> JavaResizeKernel.INSTANCE;
            case NATIVE_SCALAR -> NativeResizeKernel.SCALAR;
            case NATIVE_AVX2 -> NativeResizeKernel.AVX2;
        };
    }
}
