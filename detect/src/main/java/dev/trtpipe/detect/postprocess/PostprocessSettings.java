package dev.trtpipe.detect.postprocess;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.NmsKind;
import java.util.Objects;

/**
 * Thresholds and NMS variant.
 *
 * @param threshold    one threshold for objectness and for objectness · class probability (darknet's {@code -thresh})
 * @param nmsThreshold overlap above which a weaker box of the same class is dropped
 * @param betaNms      DIoU exponent for {@link NmsKind#DIOUNMS}
 */
public record PostprocessSettings(float threshold, float nmsThreshold, NmsKind nmsKind, float betaNms) {

    /** AB {@code detector test}'s threshold. */
    public static final float DEFAULT_THRESHOLD = 0.25f;
    public static final float DEFAULT_NMS_THRESHOLD = 0.45f;

    public PostprocessSettings {
        Objects.requireNonNull(nmsKind, "nmsKind");
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1), got " + threshold);
        }
        if (!(nmsThreshold > 0 && nmsThreshold <= 1)) {
            throw new IllegalArgumentException("NMS threshold must be in (0, 1], got " + nmsThreshold);
        }
    }

    /** darknet's defaults with the model's NMS variant. */
    public static PostprocessSettings defaultsFor(DetectionSpec spec) {
        return new PostprocessSettings(DEFAULT_THRESHOLD, DEFAULT_NMS_THRESHOLD, spec.nmsKind(), spec.betaNms());
    }

    public PostprocessSettings withThreshold(float t) {
        return new PostprocessSettings(t, nmsThreshold, nmsKind, betaNms);
    }

    public PostprocessSettings withNmsThreshold(float t) {
        return new PostprocessSettings(threshold, t, nmsKind, betaNms);
    }

    public PostprocessSettings withNmsKind(NmsKind kind) {
        return new PostprocessSettings(threshold, nmsThreshold, kind, betaNms);
    }
}
