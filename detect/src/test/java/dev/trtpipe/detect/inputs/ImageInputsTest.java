package dev.trtpipe.detect.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.SettingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageInputsTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void folder() throws IOException {
        touch("b.jpg");
        touch("a.PNG");
        touch("notes.txt");
        touch(".hidden.jpg");
        touch("sub/c.bmp");
        touch("sub/deeper/d.jpeg");
    }

    private Path touch(String name) throws IOException {
        Path file = tmp.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "x");
    }

    @Test
    void aDirectoryGivesItsImagesByName() {
        assertThat(ImageInputs.expand(List.of(tmp.toString()), false)).containsExactly(tmp.resolve("a.PNG"), tmp.resolve("b.jpg"));
    }

    @Test
    void recursiveAddsTheSubfolders() {
        assertThat(ImageInputs.expand(List.of(tmp.toString()), true)).containsExactly(tmp.resolve("a.PNG"), tmp.resolve("b.jpg"),
                tmp.resolve("sub/c.bmp"), tmp.resolve("sub/deeper/d.jpeg"));
    }

    @Test
    void globsMatchWithinAndAcrossFolders() {
        assertThat(ImageInputs.expand(List.of(tmp + "/*.jpg"), false)).containsExactly(tmp.resolve("b.jpg"));
        assertThat(ImageInputs.expand(List.of(tmp + "/**/*.jp*g"), false))
                .containsExactly(tmp.resolve("sub/deeper/d.jpeg"));
        assertThat(ImageInputs.expand(List.of(tmp + "/s?b/*"), false)).containsExactly(tmp.resolve("sub/c.bmp"));
    }

    @Test
    void aListFileNamesOnePathPerLineInItsOrder() throws IOException {
        Path list = Files.writeString(tmp.resolve("valid.txt"), tmp.resolve("sub/c.bmp") + "\n\n# skipped\n  " + tmp.resolve("b.jpg") + "  \n"
                + tmp.resolve("gone.jpg") + "\n");
        assertThat(ImageInputs.expand(List.of("@" + list), false))
                .containsExactly(tmp.resolve("sub/c.bmp"), tmp.resolve("b.jpg"), tmp.resolve("gone.jpg"));
    }

    @Test
    void filesAreKeptAsGivenEvenMissingOnesSoTheirLoadFailureIsCounted() {
        assertThat(ImageInputs.expand(List.of(tmp + "/notes.txt", tmp + "/missing.jpg", tmp + "/b.jpg"), false))
                .containsExactly(tmp.resolve("notes.txt"), tmp.resolve("missing.jpg"), tmp.resolve("b.jpg"));
    }

    @Test
    void aFolderWithImagesOnlyBelowItAsksForRecursive() throws IOException {
        touch("outer/inner/e.png");
        assertThatThrownBy(() -> ImageInputs.expand(List.of(tmp.resolve("outer").toString()), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(tmp.resolve("outer") + ": no images (.bmp, .gif, .jpeg, .jpg, .png) in this directory; its subfolders have"
                        + " some: add the recursive listing")
                .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.firstSetting()).contains(SettingException.Setting.RECURSIVE));
    }

    @Test
    void anEmptyFolderAndAnUnmatchedGlobAndAMissingListAreOneLineEach() throws IOException {
        Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> ImageInputs.expand(List.of(tmp.resolve("empty").toString()), true))
                .hasMessage(tmp.resolve("empty") + ": no images (.bmp, .gif, .jpeg, .jpg, .png) in this directory; point at a folder"
                        + " of images, or name the files");
        assertThatThrownBy(() -> ImageInputs.expand(List.of(tmp + "/*.gif"), false))
                .hasMessageStartingWith(tmp + "/*.gif: the pattern matches no image file");
        assertThatThrownBy(() -> ImageInputs.expand(List.of("@" + tmp.resolve("nope.txt")), false))
                .hasMessageStartingWith(tmp.resolve("nope.txt") + ": no such list file");
    }

    @Test
    void eachImageKnowsItsPlaceBelowWhatWasNamed() throws Exception {
        Path list = Files.writeString(tmp.resolve("valid.txt"), tmp.resolve("sub/c.bmp") + "\n");
        List<InputImage> found = ImageInputs.locate(List.of(tmp.toString(), tmp + "/sub/**.jpeg", "@" + list,
                tmp.resolve("b.jpg").toString()), true);
        assertThat(found).extracting(InputImage::file).containsExactly(tmp.resolve("a.PNG"), tmp.resolve("b.jpg"),
                tmp.resolve("sub/c.bmp"), tmp.resolve("sub/deeper/d.jpeg"), // the folder, recursively
                tmp.resolve("sub/deeper/d.jpeg"), // the glob
                tmp.resolve("sub/c.bmp"), // the list
                tmp.resolve("b.jpg")); // the file
        assertThat(found).extracting(InputImage::relative).containsExactly(Path.of("a.PNG"), Path.of("b.jpg"),
                Path.of("sub/c.bmp"), Path.of("sub/deeper/d.jpeg"),
                Path.of("deeper/d.jpeg"), // below the glob's fixed folder
                Path.of("c.bmp"), Path.of("b.jpg")); // named one by one: the name only
        assertThat(ImageInputs.expand(List.of(tmp.toString()), true)).containsExactly(tmp.resolve("a.PNG"), tmp.resolve("b.jpg"),
                tmp.resolve("sub/c.bmp"), tmp.resolve("sub/deeper/d.jpeg"));
    }
}
