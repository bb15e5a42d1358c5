package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trtpipe.detect.testing.ReplayModels;
import dev.trtpipe.detect.testing.SharedRefs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code detect} over folders, globs and lists, with {@code --jsonl}, failures counted and {@code --batch}. */
class DetectManyImagesTest {

    private static final String AB_RESIZE = "trained/alexeyab/yolo-fastest-1.1_dog_resize";

    @TempDir
    Path tmp;

    @Test
    void foldersGlobsAndListsGiveOneJsonLinePerImageInOrderAndCountTheUnreadable() throws Exception {
        Path model = Files.write(tmp.resolve("replay.onnx"), ReplayModels.yoloFastest(AB_RESIZE));
        Path folder = Files.createDirectories(tmp.resolve("photos"));
        Files.copy(SharedRefs.resolve("images/dog_decoded.png"), folder.resolve("a.png"));
        Files.writeString(folder.resolve("b.png"), "not an image");
        Files.copy(SharedRefs.resolve("images/person_decoded.png"), folder.resolve("c.png"));
        Path list = Files.writeString(tmp.resolve("valid.txt"), SharedRefs.resolve("images/eagle.jpg") + "\n");

        CliRun run = CliRun.of("detect", "--model", model.toString(), "--jsonl", folder.toString(), "@" + list,
                tmp + "/photos/[ac].png");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.BAD_INPUT);
        List<String> images = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            JsonNode json = new ObjectMapper().readTree(line);
            images.add(json.get("image").asText());
            errors.add(json.has("error") ? json.get("error").asText() : (json.has("detections") ? "detections" : "?"));
        }
        assertThat(images).containsExactly(folder.resolve("a.png").toString(), folder.resolve("b.png").toString(),
                folder.resolve("c.png").toString(), SharedRefs.resolve("images/eagle.jpg").toString(), folder.resolve("a.png").toString(),
                folder.resolve("c.png").toString());
        assertThat(errors).containsExactly("detections", errors.get(1), "detections", "detections", "detections", "detections");
        assertThat(errors.get(1)).startsWith(folder.resolve("b.png") + ": ");
        assertThat(run.err()).contains("trtpipe detect: " + folder.resolve("b.png") + ": ")
                .containsPattern("6 images in [0-9.]+ s: [0-9.]+ images/s \\(\\d+ workers?, 1 instance\\), batch 1, \\d+ detections,"
                        + " 1 could not be read");
    }

    @Test
    void batchesGiveTheSameLinesAsOneImageAtATime() throws Exception {
        Path dir = SharedRefs.resolve("models/darknet/trained/yolo-fastest-1.1_coco");
        Path onnx = tmp.resolve("yolo-fastest-n.onnx");
        CliRun convert = CliRun.of("darknet2onnx", "--cfg", dir.resolve("yolo-fastest-1.1.cfg").toString(), "--weights",
                dir.resolve("yolo-fastest-1.1.weights").toString(), "-o", onnx.toString(), "--dynamic-batch");
        assertThat(convert.exit()).as(convert.err()).isZero();
        String images = SharedRefs.resolve("images").toString(); // 7 or more images: full batches of 3 and a partial last one

        CliRun one = CliRun.of("detect", "--model", onnx.toString(), "--jsonl", "--threads", "1", images);
        CliRun three = CliRun.of("detect", "--model", onnx.toString(), "--jsonl", "--threads", "1", "--batch", "3", "--workers", "2", images);

        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(three.exit()).as(three.err()).isZero();
        assertThat(one.out().lines()).hasSizeGreaterThanOrEqualTo(7);
        assertThat(three.out()).isEqualTo(one.out());
        assertThat(three.err()).contains("batch 3");
    }

    @Test
    void aBatchLargerThanTheModelTakesIsOneLineWithTheFix() throws Exception {
        Path tiny = SharedRefs.resolve("ref/mini/yolov3-tiny");
        Path model = tmp.resolve("tiny.onnx"); // darknet2onnx writes a fixed batch of 1 unless asked
        CliRun convert = CliRun.of("darknet2onnx", "--cfg", tiny.resolve("model.cfg").toString(), "--weights",
                tiny.resolve("model.weights").toString(), "-o", model.toString());
        assertThat(convert.exit()).as(convert.err()).isZero();

        CliRun run = CliRun.of("detect", "--model", model.toString(), "--batch", "8", SharedRefs.resolve("images/dog_decoded.png").toString());

        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).isEqualToIgnoringNewLines("trtpipe detect: " + model + ": --batch 8 is larger than the model's fixed"
                + " batch of 1; use --batch 1 or less, or rebuild it for larger batches (trtpipe darknet2onnx --dynamic-batch,"
                + " then onnx2trt --batch 1:8:8)").hasLineCount(1);
    }

    @Test
    void aFolderWithoutImagesIsOneLine() throws Exception {
        Path model = Files.write(tmp.resolve("replay.onnx"), ReplayModels.yoloFastest(AB_RESIZE));
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        CliRun run = CliRun.of("detect", "--model", model.toString(), "--image", empty.toString());

        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).isEqualTo("trtpipe detect: " + empty + ": no images (.bmp, .gif, .jpeg, .jpg, .png) in this directory;"
                + " point at a folder of images, or name the files" + System.lineSeparator());
    }
}
