package dev.trtpipe.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.video.SyntheticClip;
import dev.trtpipe.video.VideoContainer;
import dev.trtpipe.video.VideoFrame;
import dev.trtpipe.video.VideoSource;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench-video's rule: both passes timed over their steady state, after the same warm-up frames. */
class VideoBenchmarkTest {

    @TempDir
    Path tmp;

    /**
     * Each worker's first frame takes 400 ms (as a worker's first engine call or scaler set-up can): the whole
     * pass pays it, the steady state — taken after the warm-up frames — does not.
     */
    @Test
    void aSlowStartOfEachWorkerIsLeftOutOfTheSteadyStateButNotOutOfTheWholePass() throws Exception {
        Path clip = tmp.resolve("clip.mp4");
        SyntheticClip.write(clip, VideoContainer.forFile(clip), ImageIO.read(SharedRefs.resolve("images/dog_decoded.png").toFile()),
                160, 96, 60, 30);
        AtomicInteger workersMade = new AtomicInteger();

        VideoBenchmark.Result r = VideoBenchmark.run(VideoSource.parse(clip.toString()), () -> {
            workersMade.incrementAndGet();
            boolean[] first = {true};
            return (VideoFrame f) -> {
                if (first[0]) {
                    first[0] = false;
                    pause(400);
                }
                return f.toRgb();
            };
        }, new VideoBenchmark.Plan(2, 1, 0, 12));

        assertThat(r.frames()).isEqualTo(60);
        assertThat(r.warmFrames()).isEqualTo(12);
        assertThat(r.pipeline().steady()).isGreaterThan(1.5 * r.pipeline().whole());
        assertThat(r.decode().steady()).isPositive();
        assertThat(r.decode().whole()).isPositive();
        assertThat(workersMade).as("2 workers warming up, then 2 timed").hasValue(4);
        assertThat(r.profile().handledFrames()).isEqualTo(60);
    }

    @Test
    void theWindowRunsFromTheLastWarmUpFrameLeavingTheDecoderToTheLastFrameDone() {
        // 10 frames, 2 warm up: frames 3..9 (7 of them) between 1.0 s and 1.7 s
        assertThat(VideoBenchmark.window(10, 2, 1_000_000_000L, 1_700_000_000L)).isEqualTo(10.0);
        assertThat(VideoBenchmark.window(3, 2, 1, 2)).as("nothing left to time").isZero();
        // at most a fifth of a pass warms up
        assertThat(VideoBenchmark.warmFrames(new VideoBenchmark.Plan(8, 1, 0, 60), 300)).isEqualTo(60);
        assertThat(VideoBenchmark.warmFrames(new VideoBenchmark.Plan(8, 1, 0, 60), 12)).isEqualTo(2);
    }

    private static void pause(long ms) throws java.io.InterruptedIOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }
}
