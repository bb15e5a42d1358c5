package dev.trtpipe.detect;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.postprocess.PostprocessSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user may choose for a detection run; everything left empty follows the model's
 * {@link DetectionSpec} (its cfg's {@code letter_box} and {@code nms_kind}).
 */
public record DetectorSettings(float threshold, float nmsThreshold, Optional<Boolean> letterbox,
                               Optional<NmsKind> nmsKind) {

    public DetectorSettings {
        Objects.requireNonNull(letterbox, "letterbox");
        Objects.requireNonNull(nmsKind, "nmsKind");
    }

    /** Threshold 0.25, NMS 0.45, preprocessing and NMS variant from the model. */
    public static DetectorSettings defaults() {
        return new DetectorSettings(PostprocessSettings.DEFAULT_THRESHOLD, PostprocessSettings.DEFAULT_NMS_THRESHOLD,
                Optional.empty(), Optional.empty());
    }

    public DetectorSettings withThreshold(float t) {
        return new DetectorSettings(t, nmsThreshold, letterbox, nmsKind);
    }

    public DetectorSettings withNmsThreshold(float t) {
        return new DetectorSettings(threshold, t, letterbox, nmsKind);
    }

    public DetectorSettings withLetterbox(boolean on) {
        return new DetectorSettings(threshold, nmsThreshold, Optional.of(on), nmsKind);
    }

    public DetectorSettings withNmsKind(NmsKind kind) {
        return new DetectorSettings(threshold, nmsThreshold, letterbox, Optional.of(kind));
    }

    /** Letterbox or plain resize for {@code spec}. */
    public boolean letterboxFor(DetectionSpec spec) {
        return letterbox.orElse(spec.letterbox());
    }

    /** Postprocessing for {@code spec}. */
    public PostprocessSettings postprocessFor(DetectionSpec spec) {
        return new PostprocessSettings(threshold, nmsThreshold, nmsKind.orElse(spec.nmsKind()), spec.betaNms());
    }
}
