package dev.trtpipe.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.testing.SharedRefs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassNamesTest {

    @TempDir
    Path dir;

    @Test
    void readsCocoNamesFromShared() throws Exception {
        ClassNames coco = ClassNames.load(SharedRefs.resolve("models/darknet/coco.names"), 80);

        assertThat(coco.names()).hasSize(80).startsWith("person", "bicycle", "car").endsWith("toothbrush");
        assertThat(coco.name(16)).isEqualTo("dog");
        assertThat(coco.name(80)).isEqualTo("class 80");
    }

    @Test
    void toleratesCrLfAndTrailingBlankLines() throws Exception {
        Path names = Files.writeString(dir.resolve("a.names"), "cat\r\ndog \r\n\r\n\n");

        assertThat(ClassNames.load(names, 2).names()).containsExactly("cat", "dog");
    }

    @Test
    void anEmptyNameInsideIsAnErrorWithItsLine() throws Exception {
        Path names = Files.writeString(dir.resolve("a.names"), "cat\n\ndog\n");

        assertThatThrownBy(() -> ClassNames.load(names)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(names + ":2: empty class name; write one class name per line");
    }

    @Test
    void anEmptyFileIsAnError() throws Exception {
        Path names = Files.writeString(dir.resolve("none.names"), "\n\n");

        assertThatThrownBy(() -> ClassNames.load(names)).hasMessage(names + ": holds no class names; write one class name per line");
    }

    @Test
    void theCountMustMatchTheModel() throws Exception {
        Path names = Files.writeString(dir.resolve("voc.names"), "a\nb\nc\n");

        assertThatThrownBy(() -> ClassNames.load(names, 80)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(names + ": has 3 names but the model has 80 classes; pass the names file the model was trained with");
    }

    @Test
    void withoutAFileClassesAreNumbered() {
        assertThat(ClassNames.numbered().name(3)).isEqualTo("class 3");
        assertThat(ClassNames.numbered().names()).isEmpty();
    }

    @Test
    void theOneNamesFileWithTheModelsClassCountIsFoundBesideTheModel() throws Exception {
        Path model = Files.writeString(dir.resolve("yolo.cfg"), "[net]\n");
        Files.writeString(dir.resolve("voc.names"), "aeroplane\nbicycle\nbird\n");
        Path coco = Files.writeString(dir.resolve("coco.names"), "person\nbicycle\n\n");

        assertThat(ClassNames.besideModel(model, 2)).contains(coco);
        assertThat(ClassNames.load(ClassNames.besideModel(model, 2).orElseThrow(), 2).name(1)).isEqualTo("bicycle");
        assertThat(ClassNames.besideModel(model, 80)).isEmpty();
    }

    @Test
    void twoFittingFilesBesideTheModelAreAmbiguousAndNoneIsGuessed() throws Exception {
        Path model = Files.writeString(dir.resolve("yolo.cfg"), "[net]\n");
        Files.writeString(dir.resolve("a.names"), "x\ny\n");
        Files.writeString(dir.resolve("b.names"), "p\nq\n");

        assertThat(ClassNames.besideModel(model, 2)).isEmpty();
    }
}
