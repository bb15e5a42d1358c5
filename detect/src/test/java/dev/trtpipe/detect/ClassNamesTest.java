package dev.trtpipe.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The names file beside a model is used only when it is the one that fits. */
class ClassNamesTest {

    @TempDir
    Path tmp;

    @Test
    void theOneNamesFileWithTheModelsClassCountIsFound() throws Exception {
        Path model = Files.writeString(tmp.resolve("yolo.cfg"), "[net]\n");
        Files.writeString(tmp.resolve("voc.names"), "aeroplane\nbicycle\nbird\n");
        Path coco = Files.writeString(tmp.resolve("coco.names"), "person\nbicycle\n\n");

        assertThat(ClassNames.besideModel(model, 2)).contains(coco);
        assertThat(ClassNames.load(ClassNames.besideModel(model, 2).orElseThrow(), 2).name(1)).isEqualTo("bicycle");
        assertThat(ClassNames.besideModel(model, 80)).isEmpty();
    }

    @Test
    void twoFittingFilesAreAmbiguousAndNoneIsGuessed() throws Exception {
        Path model = Files.writeString(tmp.resolve("yolo.cfg"), "[net]\n");
        Files.writeString(tmp.resolve("a.names"), "x\ny\n");
        Files.writeString(tmp.resolve("b.names"), "p\nq\n");

        assertThat(ClassNames.besideModel(model, 2)).isEmpty();
    }
}
