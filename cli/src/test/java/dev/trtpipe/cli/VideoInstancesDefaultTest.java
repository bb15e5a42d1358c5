package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code --instances} with video, when not given: one per 4 workers for a TensorRT engine, else one. */
class VideoInstancesDefaultTest {

    @Test
    void engineRunsGetOneInstancePerFourWorkersOthersOne() {
        assertThat(VideoRun.defaultInstances(Path.of("yolo.plan"), 8)).isEqualTo(2);
        assertThat(VideoRun.defaultInstances(Path.of("models/YOLO.Engine"), 16)).isEqualTo(4);
        assertThat(VideoRun.defaultInstances(Path.of("yolo.plan"), 3)).as("never none").isEqualTo(1);
        assertThat(VideoRun.defaultInstances(Path.of("yolo.plan"), 64)).as("video's cap").isEqualTo(VideoRun.MAX_INSTANCES);
        assertThat(VideoRun.defaultInstances(Path.of("yolo.onnx"), 8)).as("ONNX Runtime").isEqualTo(1);
        assertThat(VideoRun.defaultInstances(Path.of("yolo.cfg"), 8)).isEqualTo(1);
    }
}
