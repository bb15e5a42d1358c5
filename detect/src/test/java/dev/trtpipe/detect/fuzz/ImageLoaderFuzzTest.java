package dev.trtpipe.detect.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.trtpipe.detect.preprocess.ImageLoadException;
import dev.trtpipe.detect.preprocess.ImageLoader;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzz test of the image loader ({@link ImageLoader#load}: format sniffing, the size
 * bound, JPEG/PNG/BMP/GIF decoding, the colour conversion) on arbitrary bytes. {@code mvn test} replays
 * the seeds in {@code ImageLoaderFuzzTestInputs/}; {@code JAZZER_FUZZ=1} runs a campaign. A file is
 * decoded or refused with {@link ImageLoadException}, its only documented exception, whose one-line
 * message names the file; anything else (an OutOfMemoryError from a forged size included) is a crash.
 */
class ImageLoaderFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void imageLoaderFailsOnlyWithAMessage(byte[] content) throws IOException {
        Path file = Files.createTempFile("fuzz", ".img");
        try {
            Files.write(file, content);
            try {
                RgbImage image = ImageLoader.load(file);
                assertThat(image.width()).isPositive();
                assertThat(image.height()).isPositive();
            } catch (ImageLoadException e) {
                assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").contains(file.toString());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
