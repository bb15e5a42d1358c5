package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trtpipe.detect.testing.ReplayModels;
import dev.trtpipe.detect.testing.SharedRefs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code detect --out-dir} over folders: the reports mirror the input's subfolders, and what would still collide is refused. */
class DetectOutDirTest {

    @TempDir
    Path tmp;

    private Path model;
    private Path dog;

    @BeforeEach
    void prepare() throws Exception {
        model = Files.write(tmp.resolve("replay.onnx"), ReplayModels.yoloFastest("trained/alexeyab/yolo-fastest-1.1_dog_resize"));
        dog = SharedRefs.resolve("images/dog_decoded.png");
    }

    private Path copy(String relative) throws Exception {
        Path file = tmp.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.copy(dog, file);
    }

    /** The image a report was written for, as the report says. */
    private static String imageOf(Path report) throws Exception {
        return new ObjectMapper().readTree(report.toFile()).get("image").asText();
    }

    @Test
    void sameNamedImagesOfDifferentSubfoldersGetReportsInMirroredSubfolders() throws Exception {
        Path a = copy("photos/a/dog.png");
        Path b = copy("photos/b/dog.png");
        Path top = copy("photos/dog.png");
        Path out = tmp.resolve("out");

        CliRun run = CliRun.of("detect", "--model", model.toString(), "--recursive", "--out-dir", out.toString(),
                tmp.resolve("photos").toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(imageOf(out.resolve("a/dog.detections.json"))).isEqualTo(a.toString());
        assertThat(imageOf(out.resolve("b/dog.detections.json"))).isEqualTo(b.toString());
        assertThat(imageOf(out.resolve("dog.detections.json"))).isEqualTo(top.toString());
        for (String png : new String[] {"a/dog.detections.png", "b/dog.detections.png", "dog.detections.png"}) {
            assertThat(ImageIO.read(out.resolve(png).toFile()).getWidth()).as(png).isEqualTo(768);
        }
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(6);
        }
        assertThat(run.out()).contains("wrote " + out.resolve("a/dog.detections.json") + ", " + out.resolve("a/dog.detections.png"));

        // a glob mirrors what lies below its fixed folder
        Path globbed = tmp.resolve("globbed");
        CliRun glob = CliRun.of("detect", "--model", model.toString(), "--out-dir", globbed.toString(), tmp + "/photos/**/dog.png");
        assertThat(glob.exit()).as(glob.err()).isEqualTo(ExitCode.OK);
        assertThat(imageOf(globbed.resolve("a/dog.detections.json"))).isEqualTo(a.toString());
        assertThat(imageOf(globbed.resolve("b/dog.detections.json"))).isEqualTo(b.toString());
    }

    @Test
    void twoFoldersWithTheSameSubfoldersAreRefusedUpFrontInOneLine() throws Exception {
        Path first = copy("monday/cam1/dog.png");
        Path second = copy("tuesday/cam1/dog.png");
        Path out = tmp.resolve("out");

        CliRun run = CliRun.of("detect", "--model", model.toString(), "--recursive", "--out-dir", out.toString(),
                tmp.resolve("monday").toString(), tmp.resolve("tuesday").toString());

        assertThat(run.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err().lines().filter(l -> !l.isBlank())).first().isEqualTo("trtpipe detect: " + first + " and " + second
                + " would both write " + out.resolve("cam1/dog") + ".detections.* in --out-dir; rename one, or name their common"
                + " parent folder (with --recursive) so that their subfolders are mirrored, or run them separately");
        assertThat(out).doesNotExist(); // refused before anything was written
        assertThat(run.out()).isEmpty();

        // named from their common parent, they no longer collide
        CliRun common = CliRun.of("detect", "--model", model.toString(), "--recursive", "--out-dir", out.toString(),
                tmp.resolve("monday").getParent().toString());
        assertThat(common.exit()).as(common.err()).isEqualTo(ExitCode.OK);
        assertThat(imageOf(out.resolve("monday/cam1/dog.detections.json"))).isEqualTo(first.toString());
        assertThat(imageOf(out.resolve("tuesday/cam1/dog.detections.json"))).isEqualTo(second.toString());
    }
}
