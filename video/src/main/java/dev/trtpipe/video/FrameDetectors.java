package dev.trtpipe.video;

import dev.trtpipe.detect.BatchDetector;
import dev.trtpipe.detect.BatchDetector.InputPreparation;
import dev.trtpipe.detect.DetectionPool.LabeledImage;
import dev.trtpipe.detect.DetectionResult;
import dev.trtpipe.detect.Detector;
import java.util.List;
import java.util.function.Supplier;

/**
 * Detection as a {@link FramePipeline}'s per-frame work, one detector per worker. With
 * {@link InputPreparation#HOST} the worker resizes/letterboxes the frame on the CPU ({@link Detector#detect});
 * with {@link InputPreparation#BACKEND} it hands the frame's RGB planes to the backend, which makes the network
 * input itself (a TensorRT engine: the resize on the GPU, bit-exact with the CPU's), so the darknet resize of a
 * full frame leaves the worker. Either way the same detections.
 */
public final class FrameDetectors {

    private FrameDetectors() {
    }

    /**
     * @param detectors  makes one detector per worker (over one shared backend)
     * @param preparation where the network input is made
     * @param sourceName  the name results carry
     * @throws IllegalArgumentException (on a worker, from the first frame) {@link InputPreparation#BACKEND} with a
     *                                  backend or model that cannot, as {@link BatchDetector} says
     */
    public static Supplier<FramePipeline.FrameWork<DetectionResult>> perWorker(Supplier<Detector> detectors, InputPreparation preparation,
                                                                               String sourceName) {
        if (preparation == InputPreparation.HOST) {
            return () -> {
                Detector detector = detectors.get();
                return frame -> detector.detect(frame.toRgb(), sourceName);
            };
        }
        return () -> {
            // batches of one: a frame's result is due as soon as it is detected, in order, whatever the engine's batch
            BatchDetector detector = new BatchDetector(detectors.get(), 1, preparation);
            // frames converted straight into the engine's pinned memory: its GPU copies them from there by DMA
            return FramePipeline.FrameWork.readingFrom(detector.pixelMemory(),
                    frame -> detector.detect(List.of(new LabeledImage(sourceName, frame.toRgb()))).get(0));
        };
    }
}
