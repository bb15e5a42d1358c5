package dev.trtpipe.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.detect.BatchDetector.InputPreparation;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.preprocess.ImageLoader;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.PixelMemory;
import dev.trtpipe.detect.preprocess.Preprocessor;
import dev.trtpipe.detect.preprocess.RgbImage;
import dev.trtpipe.detect.testing.ConvertedModels;
import dev.trtpipe.detect.testing.DirectPixelMemory;
import dev.trtpipe.detect.testing.ForwardingBackend;
import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.onnx.ConversionOptions;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A folder run whose backend prepares the input from images in its own memory (pinned memory for TensorRT;
 * off-heap direct buffers here): the pool loads every image into that memory, the backend reads the planes
 * where they lie, the detections equal the host path's, the sink can still read each image, and every block
 * is given back once the sink has taken its outcome.
 */
class PixelMemoryPoolTest {

    private static final List<String> IMAGES = List.of("images/dog_decoded.png", "images/person_decoded.png", "images/eagle.jpg",
            "images/dog_decoded.png", "images/person_decoded.png");

    /** Makes darknet's input from the planes as the backend finds them (no copy through the image's own API), in its memory. */
    static final class OwnMemoryBackend extends ForwardingBackend implements DarknetInputBackend {
        final DirectPixelMemory memory = new DirectPixelMemory();
        final AtomicInteger offHeapImages = new AtomicInteger();
        final AtomicInteger heapImages = new AtomicInteger();

        OwnMemoryBackend(InferenceBackend delegate) {
            super(delegate);
        }

        @Override
        public PixelMemory pixelMemory() {
            return memory;
        }

        @Override
        public Map<String, float[]> inferDarknetInputs(List<RgbImage> images, List<ImagePlacement> placements, long[] shape) throws Exception {
            Preprocessor pre = new Preprocessor((int) shape[3], (int) shape[2], false);
            float[] input = new float[Math.toIntExact(shape[0] * pre.tensorSize())];
            for (int i = 0; i < images.size(); i++) {
                RgbImage image = images.get(i);
                (image.pageLocked() ? offHeapImages : heapImages).incrementAndGet();
                ByteBuffer planes = image.planesView(); // what a device copy would read
                byte[] bytes = new byte[planes.remaining()];
                planes.get(bytes);
                pre.write(RgbImage.wrap(image.width(), image.height(), bytes), input, i * pre.tensorSize());
            }
            return infer(input, shape);
        }
    }

    @Test
    void aFolderRunLoadsIntoTheBackendsMemoryDetectsAsTheHostPathAndGivesEveryBlockBack() throws Exception {
        byte[] onnx = ConvertedModels.yoloFastest().onnx(HeadMode.raw(), ConversionOptions.defaults().withDynamicBatch(true));
        List<Path> files = IMAGES.stream().map(SharedRefs::resolve).toList();
        DetectorSettings settings = DetectorSettings.defaults();
        try (OnnxRuntimeBackend ort = OnnxRuntimeBackend.fromBytes(onnx, "yolo-fastest.onnx", 1)) {
            Detector single = Detector.fromMetadata("yolo-fastest.onnx", ort, settings);
            List<List<Detection>> expected = new ArrayList<>();
            for (Path file : files) {
                expected.add(single.detect(ImageLoader.load(file), file.toString()).detections());
            }
            OwnMemoryBackend backend = new OwnMemoryBackend(ort);
            List<List<Detection>> detected = new ArrayList<>();
            List<Integer> redAtOrigin = new ArrayList<>();
            try (SharedBackend shared = SharedBackend.of(backend);
                 BatchDetectionPool pool = new BatchDetectionPool(shared, 2, 2, b -> Detector.fromMetadata("yolo-fastest.onnx", b, settings),
                         InputPreparation.BACKEND)) {
                pool.detectFiles(files, outcome -> {
                    DetectionResult result = ((ImageOutcome.Detected) outcome).result();
                    detected.add(result.detections());
                    redAtOrigin.add(result.image().sample(0, 0, 0)); // still readable in the sink
                });
            }
            assertThat(detected).containsExactlyElementsOf(expected);
            assertThat(expected).allSatisfy(d -> assertThat(d).isNotEmpty());
            List<Integer> heapRed = new ArrayList<>();
            for (Path file : files) {
                heapRed.add(ImageLoader.load(file).sample(0, 0, 0));
            }
            assertThat(redAtOrigin).containsExactlyElementsOf(heapRed);
            assertThat(backend.offHeapImages.get()).isEqualTo(files.size());
            assertThat(backend.heapImages.get()).isZero();
            assertThat(backend.memory.allocated()).isEqualTo(files.size());
            assertThat(backend.memory.outstanding()).isZero();
        }
    }

    @Test
    void aHostPreparedPoolKeepsImagesOnTheHeap() throws Exception {
        byte[] onnx = ConvertedModels.yoloFastest().onnx(HeadMode.raw(), ConversionOptions.defaults().withDynamicBatch(true));
        try (OnnxRuntimeBackend ort = OnnxRuntimeBackend.fromBytes(onnx, "yolo-fastest.onnx", 1)) {
            OwnMemoryBackend backend = new OwnMemoryBackend(ort);
            Detector detector = Detector.fromMetadata("yolo-fastest.onnx", backend, DetectorSettings.defaults());
            assertThat(new BatchDetector(detector, 2).pixelMemory()).isSameAs(PixelMemory.HEAP);
            assertThat(new BatchDetector(detector, 2, InputPreparation.BACKEND).pixelMemory()).isSameAs(backend.memory);
        }
    }
}
