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
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Outputs converted into arrays the caller keeps: the same array for the same output and length, and a
 * {@link BatchDetector} that lends the same arrays to every call still detects what the host path detects —
 * each batch post-processed before the next overwrites them.
 */
class OutputArraysTest {

    @Test
    void theSameArrayComesBackForTheSameOutputAndLengthOnly() {
        OutputArrays arrays = new OutputArrays();
        float[] heads = arrays.forOutput("heads", 10);

        assertThat(arrays.forOutput("heads", 10)).isSameAs(heads);
        assertThat(arrays.forOutput("boxes", 10)).isNotSameAs(heads);
        float[] shorter = arrays.forOutput("heads", 5);
        assertThat(shorter).hasSize(5);
        assertThat(arrays.forOutput("heads", 5)).isSameAs(shorter);
    }

    /** Converts the network's outputs into the caller's arrays, as a TensorRT engine does, and records which arrays it used. */
    static final class IntoBackend extends ForwardingBackend implements DarknetInputBackend {
        final Set<OutputArrays> lenders = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        final Set<float[]> arraysUsed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        int calls;

        IntoBackend(InferenceBackend delegate) {
            super(delegate);
        }

        @Override
        public Map<String, float[]> inferDarknetInputs(List<RgbImage> images, List<ImagePlacement> placements, long[] shape) {
            throw new AssertionError("BatchDetector lends its arrays");
        }

        @Override
        public Map<String, float[]> inferDarknetInputs(List<RgbImage> images, List<ImagePlacement> placements, long[] shape,
                                                       OutputArrays into) throws Exception {
            Preprocessor pre = new Preprocessor((int) shape[3], (int) shape[2], false);
            float[] input = new float[Math.toIntExact(shape[0] * pre.tensorSize())];
            for (int i = 0; i < images.size(); i++) {
                pre.write(images.get(i), input, i * pre.tensorSize());
            }
            Map<String, float[]> fresh = infer(input, shape);
            Map<String, float[]> out = new LinkedHashMap<>();
            for (Map.Entry<String, float[]> e : fresh.entrySet()) {
                float[] target = into.forOutput(e.getKey(), e.getValue().length);
                System.arraycopy(e.getValue(), 0, target, 0, target.length);
                out.put(e.getKey(), target);
                arraysUsed.add(target);
            }
            lenders.add(into);
            calls++;
            return out;
        }
    }

    @Test
    void aBatchDetectorLendingTheSameArraysToEveryCallDetectsAsTheHostPath() throws Exception {
        byte[] onnx = ConvertedModels.yoloFastest().onnx(HeadMode.raw(), ConversionOptions.defaults().withDynamicBatch(true));
        List<LabeledImage> images = new ArrayList<>();
        for (String name : List.of("images/dog_decoded.png", "images/person_decoded.png", "images/eagle.jpg", "images/person_decoded.png",
                "images/dog_decoded.png")) {
            images.add(new LabeledImage(name, ImageLoader.load(SharedRefs.resolve(name))));
        }
        try (OnnxRuntimeBackend ort = OnnxRuntimeBackend.fromBytes(onnx, "yolo-fastest.onnx", 1)) {
            Detector single = Detector.fromMetadata("yolo-fastest.onnx", ort, DetectorSettings.defaults());
            List<List<Detection>> expected = new ArrayList<>();
            for (LabeledImage image : images) {
                expected.add(single.detect(image.image(), image.source()).detections());
            }
            IntoBackend backend = new IntoBackend(ort);
            BatchDetector batches = new BatchDetector(Detector.fromMetadata("yolo-fastest.onnx", backend, DetectorSettings.defaults()), 2,
                    InputPreparation.BACKEND);
            List<List<Detection>> detected = new ArrayList<>();
            for (int from = 0; from < images.size(); from += 2) {
                batches.detect(images.subList(from, Math.min(images.size(), from + 2))).forEach(r -> detected.add(r.detections()));
            }

            assertThat(detected).containsExactlyElementsOf(expected);
            assertThat(backend.calls).isEqualTo(3);
            assertThat(backend.lenders).hasSize(1);
            // two full batches share arrays; the last, of one image, has shorter outputs
            assertThat(backend.arraysUsed).hasSize(2 * ort.outputs().size());
        }
    }
}
