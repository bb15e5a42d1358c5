package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationImagesTest {

    private static final Path IMAGES = Path.of(System.getProperty("trtpipe.shared", "../shared")).resolve("images");

    @Test
    void fullBatchesInNameOrderAndTheRemainderDropped() throws Exception {
        List<Path> all = ImageFolderBatches.list(IMAGES);
        // counted from the folder itself, so adding a test image does not break this test
        long onDisk;
        try (Stream<Path> files = Files.list(IMAGES)) {
            onDisk = files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().matches("(?i).*\\.(jpe?g|png|bmp)")).count();
        }
        assertThat(all).hasSize((int) onDisk).isSorted();
        // the smallest batch size that leaves a partial batch, so that dropping it is exercised
        int batchSize = IntStream.rangeClosed(2, all.size()).filter(b -> all.size() % b != 0).findFirst().orElseThrow();
        int fullBatches = all.size() / batchSize;
        List<Path> seen = new ArrayList<>();
        ImageFolderBatches batches = new ImageFolderBatches(IMAGES, batchSize, 0, 2, p -> {
            seen.add(p);
            return new float[] {seen.size(), -seen.size()};
        });
        assertThat(batches.batchCount()).isEqualTo(fullBatches);
        float[] first = new float[2 * batchSize];
        for (int i = 0; i < batchSize; i++) {
            first[2 * i] = i + 1;
            first[2 * i + 1] = -(i + 1);
        }
        assertThat(batches.next()).hasValueSatisfying(b -> assertThat(b).containsExactly(first));
        for (int i = 1; i < fullBatches; i++) {
            assertThat(batches.next()).isPresent();
        }
        assertThat(batches.next()).isEmpty();
        assertThat(seen).isEqualTo(all.subList(0, fullBatches * batchSize)).hasSizeLessThan(all.size());
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
