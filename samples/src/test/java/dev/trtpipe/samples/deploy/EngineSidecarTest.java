package dev.trtpipe.samples.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSidecarTest {

    @TempDir
    Path dir;

    @Test
    void sidecarSitsNextToThePlan() {
        assertThat(EngineSidecar.pathFor(dir.resolve("yolo.plan"))).isEqualTo(dir.resolve("yolo.plan.json"));
    }

    @Test
    void missingSidecarIsNamedWithTheFix() throws Exception {
        Path plan = Files.write(dir.resolve("yolo.plan"), new byte[] {0});
        assertThatThrownBy(() -> EngineSidecar.read(plan))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("yolo.plan.json is missing")
                .hasMessageContaining("--onnx");
    }

    @Test
    void missingPlanIsNamed() {
        assertThatThrownBy(() -> EngineSidecar.read(dir.resolve("none.plan"))).hasMessageContaining("no such engine");
    }
}
