package dev.trtpipe.trt;

/**
 * Hears what a build is doing, for progress displays. TensorRT 10.6's {@code IProgressMonitor} cannot
 * be implemented through the JavaCPP presets (the class has no callback peer), so phases are reported
 * by trtpipe itself: parsing, calibration batches, the tactic search, writing.
 */
@FunctionalInterface
public interface BuildListener {

    BuildListener NONE = phase -> { };

    /** A new phase began, e.g. {@code "calibrating: batch 3 of 10"}. Called from the building thread. */
    void phase(String description);
}
