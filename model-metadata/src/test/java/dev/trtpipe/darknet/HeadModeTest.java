package dev.trtpipe.darknet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The head mode's metadata form: round trip, the default for older models, one-line errors naming the key. */
class HeadModeTest {

    @Test
    void everyModeSurvivesItsMetadata() {
        for (HeadMode mode : new HeadMode[] {HeadMode.raw(), HeadMode.decode(),
                new HeadMode.Nms(HeadMode.NmsOp.ONNX, 0.25f, 0.45f, 100),
                new HeadMode.Nms(HeadMode.NmsOp.EFFICIENT_NMS_TRT, 0.1f, 0.6f, 300)}) {
            assertThat(HeadMode.fromMetadata(mode.toMetadata())).isEqualTo(mode);
        }
    }

    @Test
    void modelsWithoutTheKeyAreRaw() {
        assertThat(HeadMode.fromMetadata(Map.of("darknet.heads", "2"))).isEqualTo(HeadMode.raw());
    }

    @Test
    void malformedMetadataNamesTheKey() {
        assertThatThrownBy(() -> HeadMode.fromMetadata(Map.of("darknet.head_mode", "boxes")))
                .hasMessage("metadata key 'darknet.head_mode' is 'boxes'; expected raw, decode or nms");
        Map<String, String> nms = new HashMap<>(new HeadMode.Nms(HeadMode.NmsOp.ONNX, 0.25f, 0.45f, 100).toMetadata());
        nms.remove("darknet.nms.iou_threshold");
        assertThatThrownBy(() -> HeadMode.fromMetadata(nms))
                .hasMessage("metadata key 'darknet.nms.iou_threshold' is missing (required with darknet.head_mode=nms)");
        nms.put("darknet.nms.iou_threshold", "half");
        assertThatThrownBy(() -> HeadMode.fromMetadata(nms)).hasMessageStartingWith("malformed in-graph NMS metadata");
        assertThatThrownBy(() -> new HeadMode.Nms(HeadMode.NmsOp.ONNX, 0.25f, 0f, 100))
                .hasMessage("the NMS IoU threshold must be in (0, 1], got 0.0");
    }
}
