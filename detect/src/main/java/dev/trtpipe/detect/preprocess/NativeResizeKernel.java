package dev.trtpipe.detect.preprocess;

/**
 * The resize row loop in C ({@code src/main/c/darknet_resize.c}), through JNI: the same float operations in
 * the same order as {@link JavaResizeKernel}, compiled without fused multiply-add, so the same bits. Its
 * AVX2 variant picks each block of 8 outputs' source pixels with byte shuffles instead of 16 scalar loads;
 * the scalar variant is what other CPUs (and aarch64) run. Usable only where {@link NativeLibrary} loaded.
 */
final class NativeResizeKernel implements ResizeKernel {

    static final NativeResizeKernel SCALAR = new NativeResizeKernel(false);
    static final NativeResizeKernel AVX2 = new NativeResizeKernel(true);

    private final boolean avx2;

    private NativeResizeKernel(boolean avx2) {
        this.avx2 = avx2;
    }

    @Override
    public void resizeRows(RgbImage src, ResizeTaps cols, ResizeTaps rows, ResizeTarget target, int rowFrom, int rowTo) {
        resizeRows(src.planes(), src.width(), src.height(),
                cols.first(), cols.second(), cols.firstWeight(), cols.secondWeight(),
                rows.first(), rows.second(), rows.firstWeight(), rows.secondWeight(),
                target.data(), target.offset(), target.width(), target.height(), target.x0(), target.y0(), rowFrom, rowTo, avx2);
    }

    /** Which variants run here, decided on the first call (which loads the library). */
    static Support support() {
        return Probe.SUPPORT;
    }

    /** Whether the kernels can run here at all, and with AVX2; a line saying so, or why not. */
    record Support(boolean usable, boolean avx2, String description) {
    }

    /** Whether this CPU and OS run AVX2 code; call only once the library is loaded. */
    private static native boolean cpuHasAvx2();

    /** The C kernel: arguments as {@link ResizeKernel#resizeRows} spells them out; {@code avx2} only where supported. */
    private static native void resizeRows(byte[] planes, int inW, int inH,
                                          int[] colFirst, int[] colSecond, float[] colFirstWeight, float[] colSecondWeight,
                                          int[] rowFirst, int[] rowSecond, float[] rowFirstWeight, float[] rowSecondWeight,
                                          float[] dst, int offset, int dstW, int dstH, int x0, int y0,
                                          int rowFrom, int rowTo, boolean avx2);

    private static final class Probe {
        static final Support SUPPORT = probe();

        private static Support probe() {
            NativeLibrary.Status library = NativeLibrary.status();
            if (!library.loaded()) {
                return new Support(false, false, "native library " + library.description());
            }
            try {
                boolean avx2 = cpuHasAvx2();
                return new Support(true, avx2, "native library " + library.description() + (avx2 ? ", CPU with AVX2" : ", CPU without AVX2"));
            } catch (UnsatisfiedLinkError e) { // a library of another version
                return new Support(false, false, "native library " + library.description() + " but without the resize kernels ("
                        + e.getMessage() + ")");
            }
        }
    }
}
