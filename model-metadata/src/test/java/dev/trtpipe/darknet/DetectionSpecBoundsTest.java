package dev.trtpipe.darknet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.darknet.DetectionSpec.Head;
import dev.trtpipe.darknet.DetectionSpec.HeadKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Metadata read back from a file is checked before anything is allocated from it: forged counts and
 * sizes are one-line errors naming the key, never an OutOfMemoryError.
 */
class DetectionSpecBoundsTest {

    private static Map<String, String> valid() {
        DetectionSpec spec = new DetectionSpec(416, 416, 3, true, NmsKind.DEFAULT, 0.6f, List.of(
                new Head(16, HeadKind.YOLO, "yolo_16", 13, 13, 2, new float[] {10, 14, 23, 27}, 1f, false),
                new Head(23, HeadKind.YOLO, "yolo_23", 26, 26, 2, new float[] {37, 58, 81, 82}, 1f, false)));
        return new HashMap<>(spec.toMetadata());
    }

    @Test
    void theValidFormRoundTrips() {
        assertThat(DetectionSpec.fromMetadata(valid()).toMetadata()).isEqualTo(valid());
    }

    @Test
    void aForgedHeadCountIsRefusedBeforeAllocation() {
        Map<String, String> m = valid();
        m.put("darknet.heads", "2147483647");

        assertThatThrownBy(() -> DetectionSpec.fromMetadata(m)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'darknet.heads' = 2147483647 is outside 1..");
    }

    @Test
    void forgedSizesAndClassCountsAreRefused() {
        Map<String, String> input = valid();
        input.put("darknet.input", "3x1000000x416");
        Map<String, String> grid = valid();
        grid.put("darknet.head.0.grid", "0x13");
        Map<String, String> classes = valid();
        classes.put("darknet.head.1.classes", "2000000000");
        Map<String, String> disagree = valid();
        disagree.put("darknet.classes", "80");

        assertThatThrownBy(() -> DetectionSpec.fromMetadata(input)).hasMessageContaining("darknet.input");
        assertThatThrownBy(() -> DetectionSpec.fromMetadata(grid)).hasMessageContaining("darknet.head.0.grid");
        assertThatThrownBy(() -> DetectionSpec.fromMetadata(classes)).hasMessageContaining("darknet.head.1.classes");
        assertThatThrownBy(() -> DetectionSpec.fromMetadata(disagree)).hasMessageContaining("'darknet.classes' = 80 disagrees");
    }

    @Test
    void aForgedNmsMaximumIsRefused() {
        assertThatThrownBy(() -> new HeadMode.Nms(HeadMode.NmsOp.ONNX, 0.25f, 0.45f, Integer.MAX_VALUE))
                .hasMessageContaining("1.." + HeadMode.Nms.MAX_DETECTIONS);
    }
}
