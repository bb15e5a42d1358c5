package dev.trtpipe.detect.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trtpipe.detect.ClassNames;
import dev.trtpipe.detect.DetectionResult;
import dev.trtpipe.detect.StageTimings;
import dev.trtpipe.detect.postprocess.Box;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.PixelBox;
import dev.trtpipe.detect.preprocess.ImageLoader;
import dev.trtpipe.detect.preprocess.RgbImage;
import dev.trtpipe.detect.testing.SharedRefs;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

    /** darknet's dog row (PJ, letterbox): dog 0.607778, objectness 0.735254, box 114,190,406,507. */
    private static final Detection DOG = new Detection(16, 0.607778f, 0.735254f,
            new Box(0.339317f, 0.605818f, 0.379320f, 0.551611f), new PixelBox(114, 190, 406, 507));

    @TempDir
    Path tmp;

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        DetectionResult result = dogResult();
        Path file = DetectionJson.write(result, coco(), tmp);

        assertThat(file.getFileName().toString()).isEqualTo("dog_decoded.detections.json");
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("width").asInt()).isEqualTo(768);
        assertThat(json.get("height").asInt()).isEqualTo(576);
        JsonNode d = json.get("detections").get(0);
        assertThat(d.get("class_id").asInt()).isEqualTo(16);
        assertThat(d.get("class").asText()).isEqualTo("dog");
        assertThat(d.get("prob").floatValue()).isEqualTo(0.607778f);
        assertThat(d.get("objectness").floatValue()).isEqualTo(0.735254f);
        assertThat(d.get("box").toString()).isEqualTo("{\"left\":114,\"top\":190,\"right\":406,\"bottom\":507}");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void pngShowsTheBoxInTheClassColour() throws Exception {
        Path file = DetectionPainter.writePng(dogResult(), coco(), 80, tmp);

        BufferedImage png = ImageIO.read(file.toFile());
        assertThat(png.getWidth()).isEqualTo(768);
        Color expected = DetectionPainter.classColor(16, 80);
        // middle of the box's left edge (away from the label tab)
        assertThat(new Color(png.getRGB(114, 350))).isEqualTo(expected);
    }

    @Test
    void classColoursFollowDarknet() {
        // darknet: offset = 16·123457 % 80 = 32; ratio = 32/80·5 = 2 → colors[2] = {0, 1, 1}, read as
        // red = get_color(2) = 1, green = get_color(1) = 1, blue = get_color(0) = 0: yellow
        assertThat(DetectionPainter.classColor(16, 80)).isEqualTo(new Color(1f, 1f, 0f));
    }

    private static DetectionResult dogResult() throws Exception {
        RgbImage image = ImageLoader.load(SharedRefs.resolve("images/dog_decoded.png"));
        return new DetectionResult("images/dog_decoded.png", image, List.of(DOG), new StageTimings(0, 0, 0, 0));
    }

    private static ClassNames coco() throws Exception {
        return ClassNames.load(SharedRefs.resolve("models/darknet/coco.names"), 80);
    }
}
