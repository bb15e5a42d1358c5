package dev.trtpipe.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.detect.BatchDetector.InputPreparation;
import dev.trtpipe.detect.DarknetInputBackend;
import dev.trtpipe.detect.DetectionResult;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.DetectorSettings;
import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.SharedBackend;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.PixelMemory;
import dev.trtpipe.detect.preprocess.Preprocessor;
import dev.trtpipe.detect.preprocess.RgbImage;
import dev.trtpipe.detect.testing.ConvertedModels;
import dev.trtpipe.detect.testing.ForwardingBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code detect --video --gpu-preprocess} without a GPU: the workers hand each frame's full-size RGB planes to
 * a backend that makes darknet's input itself (here a double that does it on the CPU, as the CUDA kernel does
 * bit for bit on the GPU), and the detections are those of the CPU path, frame by frame.
 */
class FrameDetectorsTest {

    @TempDir
    Path tmp;

    /** Makes the input from the frames it is handed, as the engine's kernel does, and records what it got. */
    static final class PreparingBackend extends ForwardingBackend implements DarknetInputBackend {
        final List<String> handed = new CopyOnWriteArrayList<>();
        /** Stands in for the engine's pinned memory. */
        final RecordingPixelMemory memory = RecordingPixelMemory.direct(0);
        private final boolean letterbox;

        PreparingBackend(InferenceBackend delegate, boolean letterbox) {
            super(delegate);
            this.letterbox = letterbox;
        }

        @Override
        public Map<String, float[]> inferDarknetInputs(List<RgbImage> images, List<ImagePlacement> placements, long[] shape) throws Exception {
            Preprocessor pre = new Preprocessor((int) shape[3], (int) shape[2], letterbox);
            float[] input = new float[Math.toIntExact(shape[0] * pre.tensorSize())];
            for (int i = 0; i < images.size(); i++) {
                ImagePlacement own = pre.write(images.get(i), input, i * pre.tensorSize());
                assertThat(placements.get(i)).isEqualTo(own);
                handed.add(images.get(i).width() + "x" + images.get(i).height() + " in a batch of " + shape[0]
                        + (images.get(i).pageLocked() ? ", pinned" : ", on the heap"));
            }
            return infer(input, shape);
        }

        @Override
        public PixelMemory pixelMemory() {
            return memory;
        }
    }

    @Test
    void framesPreparedByTheBackendGiveTheDetectionsOfTheCpuPath() throws Exception {
        Path video = TestVideos.write(tmp.resolve("dog.mp4"), 6, 10, 768, 576);
        ConvertedModels yolo = ConvertedModels.yoloFastest();
        for (boolean letterbox : new boolean[] {false, true}) {
            DetectorSettings settings = DetectorSettings.defaults().withLetterbox(letterbox);
            try (OnnxRuntimeBackend ort = OnnxRuntimeBackend.fromBytes(yolo.onnx(HeadMode.raw()), "yolo-fastest", 1)) {
                PreparingBackend preparing = new PreparingBackend(ort, letterbox);
                try (SharedBackend shared = SharedBackend.of(preparing)) {
                    Supplier<Detector> detectors = () -> new Detector("yolo-fastest", shared, yolo.spec(), HeadMode.raw(), settings);
                    List<List<Detection>> onCpu = detect(video, FrameDetectors.perWorker(detectors, InputPreparation.HOST, "dog.mp4"));
                    assertThat(preparing.handed).as("the CPU path makes its own input").isEmpty();

                    List<List<Detection>> onBackend = detect(video, FrameDetectors.perWorker(detectors, InputPreparation.BACKEND, "dog.mp4"));

                    assertThat(onCpu).hasSize(6).allSatisfy(d -> assertThat(d).isNotEmpty());
                    assertThat(onBackend).as("letterbox " + letterbox).isEqualTo(onCpu);
                    // whole frames, one per call, converted straight into the backend's memory: the resize is the backend's
                    assertThat(preparing.handed).hasSize(6).containsOnly("768x576 in a batch of 1, pinned");
                    assertThat(preparing.memory.allocated()).as("blocks recycled").isBetween(1, 3 * 2 + 4);
                    assertThat(preparing.memory.released()).as("all given back").isEqualTo(preparing.memory.allocated());
                }
            }
        }
    }

    private static List<List<Detection>> detect(Path video, Supplier<FramePipeline.FrameWork<DetectionResult>> perWorker) throws Exception {
        List<List<Detection>> detections = new ArrayList<>();
        try (VideoReader reader = VideoReader.open(VideoSource.parse(video.toString()), RetryPolicy.of(0), Duration.ofSeconds(5))) {
            FramePipeline.run(reader, 1, 0, 3, perWorker, (f, result) -> detections.add(result.detections()));
        }
        return detections;
    }
}
