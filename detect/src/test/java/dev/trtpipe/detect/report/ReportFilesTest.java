package dev.trtpipe.detect.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReportFilesTest {

    @Test
    void reportsMirrorTheImagesPlaceBelowItsInputFolder() {
        Path out = Path.of("/runs/out");
        Path stem = ReportFiles.mirroredStem(out, Path.of("2024/05/dog.v2.jpg"));
        assertThat(stem).isEqualTo(Path.of("/runs/out/2024/05/dog.v2"));
        assertThat(ReportFiles.jsonFor(stem)).isEqualTo(Path.of("/runs/out/2024/05/dog.v2.detections.json"));
        assertThat(ReportFiles.pngFor(stem)).isEqualTo(Path.of("/runs/out/2024/05/dog.v2.detections.png"));
        // an image named by itself has no folder to mirror: as before, right in the output folder
        assertThat(ReportFiles.jsonFor(ReportFiles.mirroredStem(out, Path.of("dog.jpg"))))
                .isEqualTo(ReportFiles.json(out, "/photos/dog.jpg"));
    }
}
