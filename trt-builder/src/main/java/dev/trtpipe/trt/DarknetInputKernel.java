package dev.trtpipe.trt;

import static org.bytedeco.cuda.global.cudart.cuGetErrorName;
import static org.bytedeco.cuda.global.cudart.cuModuleGetFunction;
import static org.bytedeco.cuda.global.cudart.cuModuleLoadData;
import static org.bytedeco.cuda.global.cudart.cudaDevAttrComputeCapabilityMajor;
import static org.bytedeco.cuda.global.cudart.cudaDevAttrComputeCapabilityMinor;
import static org.bytedeco.cuda.global.cudart.cudaDeviceGetAttribute;
import static org.bytedeco.cuda.global.cudart.cudaFree;
import static org.bytedeco.cuda.global.cudart.cudaGetDevice;
import static org.bytedeco.cuda.global.nvrtc.NVRTC_SUCCESS;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCompileProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcCreateProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcDestroyProgram;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBIN;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetCUBINSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetErrorString;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLog;
import static org.bytedeco.cuda.global.nvrtc.nvrtcGetProgramLogSize;
import static org.bytedeco.cuda.global.nvrtc.nvrtcVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bytedeco.cuda.cudart.CUfunc_st;
import org.bytedeco.cuda.cudart.CUmod_st;
import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

/**
 * {@code darknet_input.cu} compiled by NVRTC for the current device and loaded through the driver API: the
 * function {@link DeviceImages} launches. Compiled once per process; the module stays loaded for the
 * process's lifetime (it is a few kilobytes, and every engine context of the process launches it).
 *
 * <p>Compiled straight to the device's machine code (CUBIN for {@code sm_XY}), so the driver's PTX JIT,
 * whose version may lag NVRTC's, plays no part. Never fast math, never fused multiply-adds.
 */
final class DarknetInputKernel {

    static final String SOURCE = "darknet_input.cu";
    static final String ENTRY = "darknet_input";
    /** The launch's threads per block (one thread per input pixel of one channel of one item). */
    static final int BLOCK = 256;
    /** The flags that keep it bit-exact with the Java kernel; the architecture is added per device. */
    static final List<String> EXACT_FLAGS = List.of("--fmad=false", "--prec-div=true", "--prec-sqrt=true", "--ftz=false");

    private static CUfunc_st function;
    private static String description;

    private DarknetInputKernel() {
    }

    /**
     * The kernel, compiled and loaded on the first call.
     *
     * @throws LinkageError       NVRTC's library (or its JNI glue) cannot be loaded
     * @throws TensorRtException  compiling or loading failed; the message carries NVRTC's or the driver's words
     */
    static synchronized CUfunc_st function() {
        if (function == null) {
            long start = System.nanoTime();
            String arch = deviceArchitecture();
            CUfunc_st f = load(SOURCE, ENTRY, arch);
            int[] major = {0};
            int[] minor = {0};
            nvrtcVersion(major, minor);
            description = String.format(java.util.Locale.ROOT, "NVRTC %d.%d, %s, compiled in %.0f ms", major[0], minor[0], arch,
                    (System.nanoTime() - start) / 1e6);
            function = f;
        }
        return function;
    }

    /** {@code sm_XY} of the current device, whose primary context this makes current on the calling thread. */
    static String deviceArchitecture() {
        int[] device = {0};
        Cuda.check(cudaGetDevice(device), "cudaGetDevice");
        Cuda.check(cudaFree(new Pointer()), "cudaFree(null)"); // makes the device's primary context current here
        return "sm_" + attribute(cudaDevAttrComputeCapabilityMajor, device[0]) + attribute(cudaDevAttrComputeCapabilityMinor, device[0]);
    }

    /**
     * The kernel {@code entry} of the resource {@code resource} (next to this class), compiled with {@link #EXACT_FLAGS}
     * for {@code arch} and loaded; the module stays loaded for the process's lifetime. Other kernels of the package
     * ({@link CandidateKernel}) are made the same way.
     */
    static CUfunc_st load(String resource, String entry, String arch) {
        byte[] cubin = compile(source(resource), resource, arch);
        CUmod_st module = new CUmod_st();
        driver(cuModuleLoadData(module, new BytePointer(cubin)), "cuModuleLoadData(" + resource + ")");
        CUfunc_st f = new CUfunc_st();
        driver(cuModuleGetFunction(f, module, entry), "cuModuleGetFunction(" + entry + ")");
        return f;
    }

    /** e.g. {@code NVRTC 13.0, sm_90, compiled in 41 ms}; only after {@link #function()} succeeded. */
    static synchronized String description() {
        return description;
    }

    static String source() {
        return source(SOURCE);
    }

    static String source(String resource) {
        try (InputStream in = DarknetInputKernel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int attribute(int attribute, int device) {
        int[] value = {0};
        Cuda.check(cudaDeviceGetAttribute(value, attribute, device), "cudaDeviceGetAttribute");
        return value[0];
    }

    private static byte[] compile(String source, String name, String arch) {
        _nvrtcProgram program = new _nvrtcProgram();
        nvrtc(nvrtcCreateProgram(program, new BytePointer(source), new BytePointer(name), 0, (PointerPointer<?>) null, null),
                "nvrtcCreateProgram", null);
        try {
            String[] flags = new String[EXACT_FLAGS.size() + 1];
            EXACT_FLAGS.toArray(flags);
            flags[flags.length - 1] = "--gpu-architecture=" + arch;
            nvrtc(nvrtcCompileProgram(program, flags.length, new PointerPointer<>(flags)), "nvrtcCompileProgram " + String.join(" ", flags),
                    program);
            SizeTPointer size = new SizeTPointer(1);
            nvrtc(nvrtcGetCUBINSize(program, size), "nvrtcGetCUBINSize", program);
            byte[] cubin = new byte[Math.toIntExact(size.get())];
            nvrtc(nvrtcGetCUBIN(program, cubin), "nvrtcGetCUBIN", program);
            return cubin;
        } finally {
            nvrtcDestroyProgram(program);
        }
    }

    private static void nvrtc(int rc, String call, _nvrtcProgram program) {
        if (rc != NVRTC_SUCCESS) {
            throw new TensorRtException(call + " failed: " + nvrtcGetErrorString(rc).getString() + (program == null ? "" : log(program)));
        }
    }

    /** NVRTC's compile log, first lines only (empty when there is none). */
    private static String log(_nvrtcProgram program) {
        SizeTPointer size = new SizeTPointer(1);
        if (nvrtcGetProgramLogSize(program, size) != NVRTC_SUCCESS || size.get() <= 1) {
            return "";
        }
        byte[] text = new byte[Math.toIntExact(size.get())];
        nvrtcGetProgramLog(program, text);
        String log = new String(text, 0, text.length - 1, StandardCharsets.UTF_8).strip();
        return ": " + String.join(" | ", log.lines().limit(5).toList());
    }

    /** Driver API return codes ({@code CUresult}) to exceptions. */
    static void driver(int rc, String call) {
        if (rc != 0) {
            PointerPointer<?> name = new PointerPointer<>(1);
            String text = cuGetErrorName(rc, name) == 0 ? name.getString(0) : "unknown";
            throw new TensorRtException(call + " failed: CUDA driver error " + rc + " (" + text + ")");
        }
    }
}
