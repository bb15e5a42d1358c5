package dev.trtpipe.samples.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassNamesTest {

    @TempDir
    Path dir;

    @Test
    void readsCocoNamesFromShared() throws Exception {
        Path shared = Path.of(System.getProperty("trtpipe.shared", "../shared"));
        var names = ClassNames.read(shared.resolve("models/darknet/coco.names"), 80);
        assertThat(names).hasSize(80).startsWith("person", "bicycle", "car").endsWith("toothbrush");
    }

    @Test
    void toleratesCrLfAndTrailingBlankLines() throws Exception {
        Path names = Files.writeString(dir.resolve("a.names"), "cat\r\ndog\r\n\r\n\n");
        assertThat(ClassNames.read(names, 2)).containsExactly("cat", "dog");
    }

    @Test
    void emptyLineInsideIsAnErrorWithItsLineNumber() throws Exception {
        Path names = Files.writeString(dir.resolve("a.names"), "cat\n\ndog\n");
        assertThatThrownBy(() -> ClassNames.read(names, 0)).hasMessage(names + " line 2 is empty: write one class name per line");
    }

    @Test
    void countMustMatchTheModel() throws Exception {
        Path names = Files.writeString(dir.resolve("a.names"), "cat\ndog\n");
        assertThatThrownBy(() -> ClassNames.read(names, 80))
                .hasMessageContaining("has 2 names but the model detects 80 classes");
    }
}
