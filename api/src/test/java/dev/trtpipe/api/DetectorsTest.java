package dev.trtpipe.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.trt.EngineMetadata;
import dev.trtpipe.trt.TrtAvailability;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorsTest {

    @TempDir
    Path tmp;

    @Test
    void aDarknetCfgFindsWhatDarknetFindsOnDogJpgAndNamesTheClassesFromTheNamesBesideIt() throws Exception {
        try (ObjectDetector detector = Detectors.open(DarknetReference.CFG, DarknetReference.WEIGHTS, DetectorOptions.defaults())) {
            Detections found = detector.detect(DarknetReference.DOG);

            assertThat(found.source()).isEqualTo(DarknetReference.DOG.toString());
            assertThat(found.imageWidth()).isEqualTo(768);
            assertThat(found.imageHeight()).isEqualTo(576);
            DarknetReference.assertMatchesDog(found.objects());
            assertThat(detector.classNames()).hasSize(80).startsWith("person", "bicycle", "car");
            assertThat(detector.backendName()).isEqualTo("onnxruntime-cpu");
            assertThat(detector.inputWidth()).isEqualTo(320);
            assertThat(found.elapsed()).isPositive();
        }
    }

    @Test
    void aBufferedImageDetectsAsTheSameImageGivenAsAFile() throws Exception {
        // a lossless PNG: the file and the BufferedImage decode to the very same pixels
        Path png = SharedRefs.resolve("images/dog_decoded.png");
        BufferedImage image = ImageIO.read(png.toFile());
        try (ObjectDetector detector = Detectors.open(DarknetReference.CFG, DarknetReference.WEIGHTS, DetectorOptions.defaults())) {
            Detections fromMemory = detector.detect(image);
            Detections fromFile = detector.detect(png);

            assertThat(fromMemory.source()).isEqualTo("BufferedImage");
            assertThat(fromMemory.objects()).isEqualTo(fromFile.objects());
            DarknetReference.assertMatchesDog(fromMemory.objects());
        }
    }

    @Test
    void aConvertedOnnxRunsWithTheNamesGivenAndTheThresholdChosen() throws Exception {
        Path onnx = DarknetConversion.toOnnx(DarknetReference.CFG, DarknetReference.WEIGHTS, tmp.resolve("m.onnx")).onnx();
        DetectorOptions options = DetectorOptions.builder().names(DarknetReference.NAMES).threshold(0.5f).build();

        try (ObjectDetector detector = Detectors.open(onnx, options)) {
            List<DetectedObject> found = detector.detect(DarknetReference.DOG).objects();

            // darknet's rows above 0.5 (probabilities within 0.02 of darknet's, none of which is near 0.5)
            long expected = DarknetReference.dogRows().stream().filter(r -> r.prob() > 0.5).count();
            assertThat(found).hasSize((int) expected).allSatisfy(o -> assertThat(o.score()).isGreaterThan(0.5f));
            assertThat(found).extracting(DetectedObject::className).contains("dog", "car", "bicycle");
        }
    }

    @Test
    void aClosedDetectorSaysSoAndClosingTwiceIsHarmless() throws Exception {
        ObjectDetector detector = Detectors.open(DarknetReference.CFG, DarknetReference.WEIGHTS, DetectorOptions.defaults());
        detector.close();
        detector.close();

        assertThatThrownBy(() -> detector.detect(DarknetReference.DOG))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void anEngineOnAHostWithoutTensorRtIsOneClearException() throws Exception {
        assumeFalse(TrtAvailability.isAvailable(), "TensorRT is present: EngineGpuTest-style tests cover this host");
        Path plan = Files.write(tmp.resolve("m.plan"), new byte[16]);
        new EngineMetadata(EngineMetadata.FORMAT, "m.onnx", "0".repeat(64), "fp32", "10.6.0", "gpu",
                List.of(new EngineMetadata.Tensor("input", new long[]{1, 3, 320, 320}, "float")),
                List.of(), List.of(), 0, Map.of()).writeFor(plan);

        assertThatThrownBy(() -> Detectors.open(plan))
                .isInstanceOf(TensorRtUnavailableException.class)
                .hasMessageStartingWith(plan + ": running a TensorRT engine needs TensorRT and an NVIDIA GPU: ")
                .hasMessageContaining(TrtAvailability.probe().message());
    }

    @Test
    void mistakesNameTheFile() throws Exception {
        assertThatThrownBy(() -> Detectors.open(tmp.resolve("missing.onnx")))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("missing.onnx");
        assertThatThrownBy(() -> Detectors.open(DarknetReference.CFG, tmp.resolve("none.weights"), DetectorOptions.defaults()))
                .hasMessageContaining("none.weights");
        Path onnx = Files.write(tmp.resolve("m.onnx"), new byte[0]);
        assertThatThrownBy(() -> Detectors.open(onnx, DarknetReference.WEIGHTS, DetectorOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(onnx + ": weights go with a darknet .cfg only; a .onnx model carries its own (open it without weights)");
        Path names = Files.writeString(tmp.resolve("three.names"), "a\nb\nc\n");
        assertThatThrownBy(() -> Detectors.open(DarknetReference.CFG, DarknetReference.WEIGHTS,
                DetectorOptions.builder().names(names).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(names + ": has 3 names but the model has 80 classes; pass the names file the model was trained with");
        assertThatThrownBy(() -> DetectorOptions.builder().threshold(1.5f).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
    }
}
