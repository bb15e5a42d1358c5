package dev.trtpipe.samples.darknet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.detect.testing.SharedRefs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The published hashes against the files ../shared holds (their provenance: ../shared/models/darknet/PROVENANCE.txt). */
class PublishedFilesTest {

    @Test
    void pjreddiesYolov3CfgIsRecognised() throws Exception {
        FileIdentity cfg = FileIdentity.of(SharedRefs.resolve("models/darknet/cfg/pjreddie/yolov3.cfg"));
        assertThat(cfg.is(PublishedFiles.YOLOV3_CFG)).isTrue();
        assertThat(cfg.verdict()).startsWith("sha256 22489ea38575… = pjreddie's yolov3.cfg");
    }

    @Test
    void theBundledYoloFastestIsRecognised() throws Exception {
        Path dir = SharedRefs.resolve("models/darknet/trained/yolo-fastest-1.1_coco");
        assertThat(FileIdentity.of(dir.resolve("yolo-fastest-1.1.weights")).is(PublishedFiles.YOLO_FASTEST_WEIGHTS)).isTrue();
        assertThat(FileIdentity.of(dir.resolve("yolo-fastest-1.1.cfg")).is(PublishedFiles.YOLO_FASTEST_CFG)).isTrue();
    }

    @Test
    void otherWeightsAreUnverified() throws Exception {
        FileIdentity mini = FileIdentity.of(SharedRefs.resolve("ref/mini/yolov3/model.weights"));
        assertThat(mini.published()).isEmpty();
        assertThat(mini.verdict()).endsWith(": unverified, not a published file trtpipe knows");
    }
}
