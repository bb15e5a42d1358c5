package dev.trtpipe.detect.testing;

import dev.trtpipe.darknet.DetectionSpec;
import java.util.ArrayList;
import java.util.List;

/** Replay detectors ({@link TinyOnnx#headReplay}) over darknet's own head dumps in {@code ../shared/ref}. */
public final class ReplayModels {

    private ReplayModels() {
    }

    /** Yolo-Fastest-1.1's spec with the head convs of {@code ref/<dir>} (e.g. {@code trained/alexeyab/yolo-fastest-1.1_dog_resize}). */
    public static byte[] yoloFastest(String dir) {
        return replay(ReferenceSpecs.yoloFastest(), dir);
    }

    public static byte[] replay(DetectionSpec spec, String dir) {
        return TinyOnnx.headReplay(spec, heads(spec, dir));
    }

    /** Yolo-Fastest's replay shifted by the input's mean ({@link TinyOnnx#headReplay(DetectionSpec, List, float)}). */
    public static byte[] yoloFastestShiftedByInput(String dir, float inputGain) {
        DetectionSpec spec = ReferenceSpecs.yoloFastest();
        return TinyOnnx.headReplay(spec, heads(spec, dir), inputGain);
    }

    private static List<float[]> heads(DetectionSpec spec, String dir) {
        List<float[]> heads = new ArrayList<>();
        for (DetectionSpec.Head h : spec.heads()) {
            heads.add(SharedRefs.floats(SharedRefs.resolve(String.format("ref/%s/layer_%03d.bin", dir, h.layerIndex()))));
        }
        return heads;
    }
}
