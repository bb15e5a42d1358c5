package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
}
