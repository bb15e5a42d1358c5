package dev.trtpipe.trt;

import java.util.List;
import java.util.Optional;

/**
 * Whether TensorRT can run on this host: its native libraries load and CUDA sees a device.
 *
 * <p>The probe runs once per JVM and its result is cached: after a failed native load the JVM only
 * reports {@code NoClassDefFoundError} for the same classes, which no longer says what is missing.
 * This class itself never touches {@code org.bytedeco} classes, so loading it (and every class that
 * only calls {@link #require()}) is safe on a host without the NVIDIA driver.
 */
public final class TrtAvailability {

    /**
     * The probe's outcome.
     *
     * @param available         TensorRT loaded and at least one CUDA device answered
     * @param missingLibraries  shared libraries found missing ({@code libcuda.so.1}, {@code libnvinfer.so.10}, …)
     * @param message           one line for users: what is missing and how to get it (empty when available)
     * @param tensorRtVersion   e.g. {@code 10.6.0} (empty when TensorRT did not load)
     * @param gpuName           device 0's name (empty without a device)
     * @param computeCapability device 0's compute capability, e.g. {@code 9.0} (empty without a device); engines
     *                          are compiled for it
     */
    public record Status(boolean available, List<String> missingLibraries, String message,
                         Optional<String> tensorRtVersion, Optional<String> gpuName, Optional<String> computeCapability) {
        public Status {
            missingLibraries = List.copyOf(missingLibraries);
        }

        /** A status without a known compute capability. */
        public Status(boolean available, List<String> missingLibraries, String message, Optional<String> tensorRtVersion,
                      Optional<String> gpuName) {
            this(available, missingLibraries, message, tensorRtVersion, gpuName, Optional.empty());
        }

        static Status unavailable(List<String> missing, String message) {
            return new Status(false, missing, message, Optional.empty(), Optional.empty());
        }
    }

    private static volatile Status cached;

    private TrtAvailability() {
    }

    /** Probes once (loads the native libraries, counts CUDA devices) and returns the cached result. */
    public static Status probe() {
        Status s = cached;
        if (s == null) {
            synchronized (TrtAvailability.class) {
                s = cached;
                if (s == null) {
                    s = runProbe();
                    cached = s;
                }
            }
        }
        return s;
    }

    public static boolean isAvailable() {
        return probe().available();
    }

    /** @throws TrtUnavailableException with the probe's one-line message when TensorRT cannot run here */
    public static void require() {
        Status s = probe();
        if (!s.available()) {
            throw new TrtUnavailableException(s.message());
        }
    }

    private static Status runProbe() {
        try {
            return NativeProbe.run();
        } catch (LinkageError e) {
            // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError from Loader.load
            List<String> missing = MissingLibraries.fromError(e);
            return Status.unavailable(missing, MissingLibraries.describe(missing, e));
        }
    }
}
