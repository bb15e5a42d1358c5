package dev.trtpipe.samples.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.detect.tao.NvinferConfig;
import dev.trtpipe.etlt.EtltKey;
import dev.trtpipe.etlt.OnnxExtraction;
import dev.trtpipe.trt.Precision;
import dev.trtpipe.trt.TrtAvailability;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare on a TAO detector with an image: the translated UFF of usa_pruned.etlt (LPDNet) with its nvinfer config;
 * the image goes through nvinfer's preprocessing (it used to need a darknet model).
 */
class ComparisonTaoTest {

    private static final Path ETLT = SharedRefs.resolve("etlt/usa_pruned.etlt");
    private static final Path CONFIG = SharedRefs.resolve("etlt/lpdnet_onnx/sgie_lpd_DetectNet2_us.txt");

    @TempDir
    Path dir;

    private NvinferInput nvinfer() throws Exception {
        return new NvinferInput(CONFIG, NvinferConfig.parse(CONFIG).spec());
    }

    @Test
    void usaPrunedWithAPlatePhotoRunsDownBothPathsThroughNvinferPreprocessing() throws Exception {
        assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT: engines are compared instead (not bit-exact by contract)");
        Path image = SharedRefs.resolve("images/plates/washington-azm9591.jpg");

        ComparisonReport r = Comparison.run(new CompareSettings(new EtltSubject(ETLT, "nvidia_tlt"), Optional.of(image),
                Optional.of(nvinfer()), dir, Precision.FP32, Optional.empty()), s -> { });

        assertThat(r.input()).startsWith("input_1 float [1,3,480,640]: " + image + " (560x510) through nvinfer's preprocessing");
        assertThat(r.onnx().identical()).isTrue();
        assertThat(r.maxAbsDifference()).isZero();
        // a UFF payload: tao-converter's -d and -o, checked against the graph by the translation that built the TAO side
        assertThat(r.steps().get(4).command()).contains(" -d 3,480,640 -o output_cov/Sigmoid,output_bbox/BiasAdd ");
        assertThat(r.steps().get(4).mustKnow()).anySatisfy(line -> assertThat(line).startsWith("a UFF payload: its input dimensions (-d 3,480,640)"));
        assertThat(r.steps().get(2).command()).isEqualTo("trtpipe detect --model " + dir.resolve("raw/model.onnx")
                + " --nvinfer-config " + CONFIG + " --image " + image);
    }

    /** LPDNet's config: stretch to 640x480, RGB, x · 1/255, no offsets; a flat colour stays flat whatever the filter. */
    @Test
    void theInputIsNvinferPreprocessingByItsDefinition() throws Exception {
        Path onnx = dir.resolve("usa_pruned.onnx");
        OnnxExtraction.extract(ETLT, EtltKey.of("nvidia_tlt"), onnx);
        BufferedImage flat = new BufferedImage(100, 80, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 100; x++) {
                flat.setRGB(x, y, (51 << 16) | (102 << 8) | 204);
            }
        }
        Path png = dir.resolve("flat.png");
        ImageIO.write(flat, "png", png.toFile());

        InputTensor input = InputTensor.forModel(onnx, ModelFacts.read(onnx), Optional.of(png), Optional.of(nvinfer()));

        assertThat(input.shape()).containsExactly(1, 3, 480, 640);
        float[] expected = {51 / 255f, 102 / 255f, 204 / 255f};
        int plane = 480 * 640;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < plane; i += 997) {
                assertThat(input.data()[c * plane + i]).as("channel %d", c).isCloseTo(expected[c], within(1e-6f));
            }
        }
        assertThat(input.detectFlags()).containsExactly("--nvinfer-config", CONFIG.toString());
    }

    @Test
    void anImageForAModelWithoutAnySpecSaysWhatIsMissing() throws Exception {
        Path onnx = dir.resolve("usa_pruned.onnx");
        OnnxExtraction.extract(ETLT, EtltKey.of("nvidia_tlt"), onnx);

        assertThatThrownBy(() -> InputTensor.forModel(onnx, ModelFacts.read(onnx),
                Optional.of(SharedRefs.resolve("images/plates/washington-azm9591.jpg")), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an input image needs a detection model: a darknet model converted by trtpipe, or a TAO detector with its"
                        + " nvinfer config")
                .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.render(s -> "<" + s + ">"))
                        .contains("a TAO detector with <NVINFER_CONFIG> (or its spec embedded by etlt2onnx <NVINFER_CONFIG>")
                        .endsWith("drop <IMAGE>"));
    }
}
