package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.detect.testing.ReplayModels;
import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.video.RetryPolicy;
import dev.trtpipe.video.VideoReader;
import dev.trtpipe.video.VideoSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code trtpipe bench-video}: makes its clip, times both passes, and the clip it keeps is a real video. */
class BenchVideoCommandTest {

    @TempDir
    Path tmp;

    @Test
    void makesAClipAndReportsBothRates() throws Exception {
        Path model = Files.write(tmp.resolve("replay.onnx"), ReplayModels.yoloFastest("trained/alexeyab/yolo-fastest-1.1_dog_resize"));
        Path clip = tmp.resolve("clip.mkv");
        CliRun run = CliRun.of("bench-video", "--model", model.toString(), "--image",
                SharedRefs.resolve("images/dog_decoded.png").toString(), "--size", "320x180", "--frames", "12", "--rounds", "1",
                "--workers", "2", "--keep-clip", clip.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("video            " + clip + " (320x180, 12 frames)")
                .containsPattern("decode only +[0-9.]+ frames/s")
                .containsPattern("decode \\+ detect +[0-9.]+ frames/s")
                .containsPattern("ratio +[0-9.]+ %   \\(target >= 90 %: (met|not met)\\)")
                // 12 frames: at most a fifth, 2, warm up; the window starts when the last of them leaves the decoder
                .containsPattern("steady state +frames 3\\.\\.11 of each pass timed \\(the first 3 warm up\\); whole passes: "
                        + "[0-9.]+ and [0-9.]+ frames/s \\([0-9.]+ %\\)");
        try (VideoReader reader = VideoReader.open(VideoSource.parse(clip.toString()), RetryPolicy.of(0), Duration.ofSeconds(5))) {
            assertThat(reader.width()).isEqualTo(320);
            assertThat(reader.frameRate()).isEqualTo(30.0);
        }
    }

    @Test
    void withoutDetectionItTimesThePipelineAloneAndNeedsNoModel() throws Exception {
        CliRun run = CliRun.of("bench-video", "--no-detect", "--image", SharedRefs.resolve("images/dog_decoded.png").toString(),
                "--size", "320x180", "--frames", "12", "--rounds", "1", "--workers", "2");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).containsPattern("decode only +[0-9.]+ frames/s")
                .containsPattern("decode \\+ convert +[0-9.]+ frames/s")
                .doesNotContain("decode + detect");
    }

    @Test
    void profileSaysWhereEachStageSpentItsTime() throws Exception {
        CliRun run = CliRun.of("bench-video", "--no-detect", "--image", SharedRefs.resolve("images/dog_decoded.png").toString(),
                "--size", "320x180", "--frames", "12", "--rounds", "1", "--workers", "2", "--warm-frames", "1", "--profile");

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
        assertThat(run.out()).contains("steady state     frames 2..11 of each pass timed (the first 2 warm up)")
                .containsPattern("profile +the pipeline pass with the best steady state: 12 frames in [0-9.]+ s, 2 workers")
                .containsPattern("decoder +decode alone +[0-9.]+ ms/frame +\\(the decode-only pass, for comparison\\)")
                .containsPattern("decoder +decode +[0-9.]+ ms/frame +[0-9.]+ % of the decoder's time")
                .containsPattern("decoder +queue full +[0-9.]+ ms/frame")
                .containsPattern("frame +wait for worker +[0-9.]+ ms/frame\\R")
                .containsPattern("worker +convert +[0-9.]+ ms/frame +[0-9.]+ % of the 2 workers' time")
                .containsPattern("worker +work +[0-9.]+ ms/frame")
                .containsPattern("caller +wait for result +[0-9.]+ ms/frame")
                .containsPattern("caller +handle +[0-9.]+ ms/frame")
                // no network: frames are made on the heap, converted and then copied
                .containsPattern("worker +in place +0 of 12 frames converted straight into the memory the work reads \\(no copy\\)");
    }

    @Test
    void needsAVideoOrAnImage() {
        assertThat(CliRun.of("bench-video", "--model", "m.onnx").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("bench-video", "--model", "m.onnx", "--image", "x.png", "--size", "19200").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("bench-video", "--model", "m.onnx", "--image", "x.png", "--keep-clip", "c.gif").exit())
                .isEqualTo(ExitCode.USAGE);
    }
}
