package dev.trtpipe.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V4L2 cameras without a camera: the build host has none, so what is checked is every way a camera path can be
 * wrong — a node that does not exist, a file or folder named like one, and a device that is no camera.
 */
class CameraNodeTest {

    @TempDir
    Path tmp;

    @Test
    void aCameraNodeThatDoesNotExistIsOneLineWithTheFix() {
        String node = "/dev/video" + 90_000 + ProcessHandle.current().pid() % 1000;
        assumeTrue(!Files.exists(Path.of(node)));
        assertThatThrownBy(() -> VideoSource.parse(node))
                .isInstanceOf(VideoInputException.class)
                .hasMessage(node + ": no such camera (the device node does not exist); plug the camera in, or name one that"
                        + " is there: 'v4l2-ctl --list-devices' or 'ls /dev/video*' lists the cameras");
    }

    @Test
    void aRegularFileOrAFolderNamedLikeACameraIsNoCamera() throws Exception {
        Path file = Files.writeString(tmp.resolve("video0"), "not a camera");
        assertThatThrownBy(() -> CameraNode.check(file))
                .isInstanceOf(VideoInputException.class)
                .hasMessage(file + ": is a regular file, not a camera device node; give a V4L2 camera such as /dev/video0"
                        + " ('v4l2-ctl --list-devices' or 'ls /dev/video*' lists the cameras)");
        Path folder = Files.createDirectory(tmp.resolve("video1"));
        assertThatThrownBy(() -> CameraNode.check(folder)).hasMessageStartingWith(folder + ": is a directory, not a camera");
        // and named as a plain path, a regular file is a video file to FFmpeg, not a camera
        assertThat(VideoSource.parse(file.toString()).kind()).isEqualTo(VideoSource.Kind.FILE);
    }

    @Test
    void aDeviceThatIsNoCameraIsRefusedAtOnceWithoutRetrying() throws Exception {
        Path devNull = Path.of("/dev/null");
        assumeTrue(CameraNode.isDevice(devNull));
        VideoSource source = VideoSource.parse(devNull.toString());
        assertThat(source.kind()).isEqualTo(VideoSource.Kind.CAMERA);
        long start = System.nanoTime();
        // five retries would wait 0.5 + 1 + 2 + 4 + 8 s; a device that is no camera will not become one
        var refused = assertThatThrownBy(() -> VideoReader.open(source, RetryPolicy.of(5), Duration.ofSeconds(2)))
                .isInstanceOf(VideoInputException.class).hasMessageNotContaining("\n");
        if (CameraNode.V4L2_UNAVAILABLE.isEmpty()) {
            refused.hasMessageStartingWith("/dev/null: is not a video capture device (V4L2 says: ")
                    .hasMessageEndingWith("); give a camera node ('v4l2-ctl --list-devices' or 'ls /dev/video*' lists the cameras)");
        } else {
            // this build host: bytedeco's libavdevice links PulseAudio's libpulse.so.0, which is not installed
            refused.hasMessage("/dev/null: cannot read cameras: FFmpeg's camera input (libavdevice, v4l2) did not load here ("
                    + CameraNode.V4L2_UNAVAILABLE.get() + "); install the missing system library"
                    + (CameraNode.V4L2_UNAVAILABLE.get().contains("libpulse") ? " (Debian/Ubuntu: apt-get install libpulse0)" : "")
                    + ", or serve the camera as a stream (an RTSP server in front of it)");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(450));
    }

    @Test
    void aNamedPipeIsNoCamera() throws Exception {
        Path fifo = tmp.resolve("video2");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (java.io.IOException noMkfifo) {
            org.junit.jupiter.api.Assumptions.abort("no mkfifo here");
            return;
        }
        assumeTrue(mkfifo.waitFor() == 0 && Files.exists(fifo));
        assertThat(CameraNode.isDevice(fifo)).isFalse();
        assertThat(CameraNode.isDevice(Path.of("/dev/null"))).isTrue();
        assertThatThrownBy(() -> CameraNode.check(fifo)).hasMessageStartingWith(fifo + ": is a special file, not a camera device node;");
    }
}
