package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationImagesTest {

    private static final Path IMAGES = Path.of(System.getProperty("trtpipe.shared", "../shared")).resolve("images");

    @Test
    void fullBatchesInNameOrderAndTheRemainderDropped() throws Exception {
        List<Path> all = ImageFolderBatches.list(IMAGES); // 5 jpg + 2 png in ../shared/images
        assertThat(all).hasSize(7).isSorted();
        List<Path> seen = new ArrayList<>();
        ImageFolderBatches batches = new ImageFolderBatches(IMAGES, 3, 0, 2, p -> {
            seen.add(p);
            return new float[] {seen.size(), -seen.size()};
        });
        assertThat(batches.batchCount()).isEqualTo(2);
        assertThat(batches.next()).hasValueSatisfying(b -> assertThat(b).containsExactly(1, -1, 2, -2, 3, -3));
        assertThat(batches.next()).isPresent();
        assertThat(batches.next()).isEmpty();
        assertThat(seen).isEqualTo(all.subList(0, 6));
    }

    @Test
    void maxBatchesCapsTheCount() throws Exception {
        assertThat(new ImageFolderBatches(IMAGES, 2, 1, 1, p -> new float[1]).batchCount()).isEqualTo(1);
    }

    @Test
    void aPreprocessorOfTheWrongSizeIsNamed() throws Exception {
        ImageFolderBatches batches = new ImageFolderBatches(IMAGES, 1, 0, 12, p -> new float[5]);
        assertThatThrownBy(batches::next).hasMessageContaining("preprocessing gave 5 values, the network input needs 12");
    }

    @Test
    void tooFewImagesOrNoFolder(@TempDir Path dir) {
        assertThatThrownBy(() -> new ImageFolderBatches(dir, 1, 0, 1, p -> new float[1]))
                .hasMessageContaining("needs at least one batch of 1 images").hasMessageContaining("found 0");
        assertThatThrownBy(() -> ImageFolderBatches.list(dir.resolve("nope")))
                .hasMessageContaining("calibration image folder does not exist");
    }

    @Test
    void stretchResizeGivesRgbPlanesScaledToOne(@TempDir Path dir) throws Exception {
        BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(255, 51, 0));
        g.fillRect(0, 0, 40, 30);
        g.dispose();
        Path png = dir.resolve("orange.png");
        ImageIO.write(img, "png", png.toFile());
        float[] chw = new StretchResizePreprocessor().toTensor(png, 3, 8, 16);
        assertThat(chw).hasSize(3 * 8 * 16);
        for (int i = 0; i < 8 * 16; i++) {
            assertThat(chw[i]).isEqualTo(1f);
            assertThat(chw[128 + i]).isEqualTo(51 / 255f);
            assertThat(chw[256 + i]).isEqualTo(0f);
        }
        Path text = Files.writeString(dir.resolve("notes.png"), "not an image");
        assertThatThrownBy(() -> new StretchResizePreprocessor().toTensor(text, 3, 8, 8)).hasMessageContaining("not an image ImageIO can read");
    }
}
