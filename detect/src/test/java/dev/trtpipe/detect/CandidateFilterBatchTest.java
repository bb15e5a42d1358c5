package dev.trtpipe.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.detect.BatchDetector.InputPreparation;
import dev.trtpipe.detect.DetectionPool.LabeledImage;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.preprocess.ImageLoader;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.Preprocessor;
import dev.trtpipe.detect.preprocess.RgbImage;
import dev.trtpipe.detect.testing.ConvertedModels;
import dev.trtpipe.detect.testing.ForwardingBackend;
import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.onnx.ConversionOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A {@link BatchDetector} preparing its input on the backend hands the backend its {@link CandidateFilter}; a backend
 * that returns the heads exactly as the filter's contract allows (every anchor not selected: objectness
 * {@code -Infinity}, other channels garbage) still gives the detections of the whole heads, on real images through
 * Yolo-Fastest at the default threshold and at 0.005, while only a small share of the anchors is selected.
 */
class CandidateFilterBatchTest {

    /** Runs the network on the CPU, then keeps only what the filter selects, as the GPU prefilter brings back. */
    static final class FilteringBackend extends ForwardingBackend implements DarknetInputBackend {
        final List<CandidateFilter> filters = new ArrayList<>();
        long anchors;
        long selected;

        FilteringBackend(InferenceBackend delegate) {
            super(delegate);
        }

        @Override
        public Map<String, float[]> inferDarknetInputs(List<RgbImage> images, List<ImagePlacement> placements, long[] shape) {
            throw new AssertionError("BatchDetector passes its filter");
        }

        @Override
        public Map<String, float[]> inferDarknetInputs(List<RgbImage> images, List<ImagePlacement> placements, long[] shape,
                                                       OutputArrays into, CandidateFilter filter) throws Exception {
            filters.add(filter);
            Preprocessor pre = new Preprocessor((int) shape[3], (int) shape[2], false);
            float[] input = new float[Math.toIntExact(shape[0] * pre.tensorSize())];
            for (int i = 0; i < images.size(); i++) {
                pre.write(images.get(i), input, i * pre.tensorSize());
            }
            Map<String, float[]> out = new LinkedHashMap<>(infer(input, shape));
            for (CandidateFilter.HeadRule rule : filter == null ? List.<CandidateFilter.HeadRule>of() : filter.heads()) {
                out.put(rule.output(), filtered(out.get(rule.output()), rule, (int) shape[0]));
            }
            return out;
        }

        private float[] filtered(float[] whole, CandidateFilter.HeadRule rule, int items) {
            int plane = rule.plane();
            float[] kept = new float[whole.length];
            Arrays.fill(kept, 1e30f); // channels of anchors not selected are unspecified: make any read of them show
            for (int n = 0; n < items; n++) {
                for (int a = 0; a < rule.anchors(); a++) {
                    int base = (n * rule.anchors() + a) * rule.channels() * plane;
                    for (int cell = 0; cell < plane; cell++) {
                        anchors++;
                        if (rule.selects(whole[base + 4 * plane + cell])) {
                            selected++;
                            for (int k = 0; k < rule.channels(); k++) {
                                kept[base + k * plane + cell] = whole[base + k * plane + cell];
                            }
                        } else {
                            kept[base + 4 * plane + cell] = Float.NEGATIVE_INFINITY;
                        }
                    }
                }
            }
            return kept;
        }
    }

    @Test
    void withoutThePropertyNoFilterIsHandedOver() throws Exception {
        byte[] onnx = ConvertedModels.yoloFastest().onnx(HeadMode.raw(), ConversionOptions.defaults().withDynamicBatch(true));
        List<LabeledImage> images = List.of(new LabeledImage("dog", ImageLoader.load(SharedRefs.resolve("images/dog_decoded.png"))));
        try (OnnxRuntimeBackend ort = OnnxRuntimeBackend.fromBytes(onnx, "yolo-fastest.onnx", 1)) {
            FilteringBackend backend = new FilteringBackend(ort);
            new BatchDetector(Detector.fromMetadata("yolo-fastest.onnx", backend, DetectorSettings.defaults()), 1, InputPreparation.BACKEND)
                    .detect(images);
            assertThat(backend.filters).hasSize(1).containsOnlyNulls(); // null: bring back whole heads
        }
    }

    @Test
    void theCandidatesAloneDetectAsTheWholeHeads() throws Exception {
        System.setProperty(CandidateFilter.ENABLE_PROPERTY, "true");
        try {
            candidatesAloneDetectAsTheWholeHeads();
        } finally {
            System.clearProperty(CandidateFilter.ENABLE_PROPERTY);
        }
    }

    private void candidatesAloneDetectAsTheWholeHeads() throws Exception {
        byte[] onnx = ConvertedModels.yoloFastest().onnx(HeadMode.raw(), ConversionOptions.defaults().withDynamicBatch(true));
        List<LabeledImage> images = new ArrayList<>();
        for (String name : List.of("images/dog_decoded.png", "images/person_decoded.png", "images/eagle.jpg")) {
            images.add(new LabeledImage(name, ImageLoader.load(SharedRefs.resolve(name))));
        }
        try (OnnxRuntimeBackend ort = OnnxRuntimeBackend.fromBytes(onnx, "yolo-fastest.onnx", 1)) {
            for (float thresh : new float[] {0.25f, 0.005f}) {
                DetectorSettings settings = DetectorSettings.defaults().withThreshold(thresh);
                Detector single = Detector.fromMetadata("yolo-fastest.onnx", ort, settings);
                List<List<Detection>> expected = new ArrayList<>();
                for (LabeledImage image : images) {
                    expected.add(single.detect(image.image(), image.source()).detections());
                }
                FilteringBackend backend = new FilteringBackend(ort);
                BatchDetector batches = new BatchDetector(Detector.fromMetadata("yolo-fastest.onnx", backend, settings), 3,
                        InputPreparation.BACKEND);
                List<List<Detection>> detected = batches.detect(images).stream().map(DetectionResult::detections).toList();

                assertThat(detected).as("thresh %s", thresh).containsExactlyElementsOf(expected);
                assertThat(expected.stream().mapToInt(List::size).sum()).isPositive();
                assertThat(backend.filters).hasSize(1);
                assertThat(backend.filters.get(0).heads()).extracting(CandidateFilter.HeadRule::output)
                        .containsExactly("120_convolutional", "129_convolutional");
                // what would cross the bus: here 74 of 4500 anchors (1.6 %) at the default threshold, 486 (10.8 %) at 0.005
                assertThat(backend.selected).as("thresh %s: %d of %d anchors", thresh, backend.selected, backend.anchors)
                        .isPositive().isLessThan(backend.anchors / (thresh < 0.1f ? 5 : 20));
            }
        }
    }
}
