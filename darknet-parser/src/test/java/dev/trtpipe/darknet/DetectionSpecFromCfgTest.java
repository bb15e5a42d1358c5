package dev.trtpipe.darknet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.ref.SharedFiles;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The heads a model reports, against references.md §3 (detection layers) and the cfg values. */
class DetectionSpecFromCfgTest {

    @Test
    void yolov3TinyHeadsAreTheConvsBeforeEachYolo() throws IOException {
        DetectionSpec spec = DarknetModel.parse(SharedFiles.resolve("ref/mini/yolov3-tiny/model.cfg")).detectionSpec().orElseThrow();
        assertThat(spec.inputWidth()).isEqualTo(160);
        assertThat(spec.inputHeight()).isEqualTo(128);
        assertThat(spec.letterbox()).isFalse();
        assertThat(spec.nmsKind()).isEqualTo(NmsKind.DEFAULT);
        assertThat(spec.heads()).extracting(DetectionSpec.Head::outputName).containsExactly("015_convolutional", "022_convolutional");
        DetectionSpec.Head first = spec.heads().get(0);
        assertThat(first.layerIndex()).isEqualTo(16);
        assertThat(first.gridWidth()).isEqualTo(5);
        assertThat(first.gridHeight()).isEqualTo(4);
        assertThat(first.classes()).isEqualTo(2);
        assertThat(first.anchors()).containsExactly(81, 82, 135, 169, 344, 319);
        assertThat(spec.heads().get(1).anchors()).containsExactly(10, 14, 23, 27, 37, 58);
    }

    @Test
    void yolov4CspCarriesNewCoordsScaleAndNms() throws IOException {
        DetectionSpec spec = DarknetModel.parse(SharedFiles.resolve("ref/mini/yolov4-csp/model.cfg")).detectionSpec().orElseThrow();
        assertThat(spec.letterbox()).isTrue();
        assertThat(spec.nmsKind()).isEqualTo(NmsKind.DIOUNMS);
        assertThat(spec.heads()).extracting(DetectionSpec.Head::layerIndex).containsExactly(144, 159, 174);
        assertThat(spec.heads()).extracting(DetectionSpec.Head::outputName)
                .containsExactly("143_convolutional", "158_convolutional", "173_convolutional");
        assertThat(spec.heads()).allMatch(DetectionSpec.Head::newCoords).allMatch(h -> h.scaleXY() == 2f);
    }

    @Test
    void regionHeadKeepsAllAnchorsInGridCells() throws IOException {
        DetectionSpec spec = DarknetModel.parse(SharedFiles.resolve("ref/mini/yolov2-tiny/model.cfg")).detectionSpec().orElseThrow();
        DetectionSpec.Head head = spec.heads().get(0);
        assertThat(head.kind()).isEqualTo(DetectionSpec.HeadKind.REGION);
        assertThat(head.outputName()).isEqualTo("014_convolutional");
        assertThat(head.anchorCount()).isEqualTo(5);
        assertThat(head.channels()).isEqualTo(35);
    }
}
