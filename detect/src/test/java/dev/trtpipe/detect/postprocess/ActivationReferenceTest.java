package dev.trtpipe.detect.postprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.DetectionSpec.Head;
import dev.trtpipe.detect.testing.ReferenceSpecs;
import dev.trtpipe.detect.testing.SharedRefs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every slot of a head, not only the few detections: decoding darknet's raw head conv with no threshold
 * must give darknet's own activated {@code [yolo]}/{@code [region]} values (objectness, x/y offsets,
 * objectness · class score), to 1e-6.
 */
class ActivationReferenceTest {

    private static final double TOLERANCE = 1e-6;

    @ParameterizedTest(name = "{0} head {1}")
    @CsvSource({
            "trained/pjreddie/yolo-fastest-1.1_dog_resize, 0",
            "trained/pjreddie/yolo-fastest-1.1_dog_resize, 1",
            "trained/alexeyab/yolo-fastest-1.1_dog_resize, 0",
            "trained/alexeyab/yolo-fastest-1.1_dog_resize, 1",
    })
    void yoloSlotsMatchDarknetsYoloLayer(String dir, int headIndex) {
        DetectionSpec spec = ReferenceSpecs.yoloFastest();
        Head head = spec.heads().get(headIndex);
        float[] raw = layer(dir, head.layerIndex());
        float[] yolo = layer(dir, head.layerIndex() + 1); // the [yolo] layer right after its conv
        Candidates c = decodeEverything(head, spec, raw);

        int plane = head.gridWidth() * head.gridHeight();
        int stride = (5 + head.classes()) * plane;
        assertThat(c.size()).isEqualTo(plane * head.anchorCount());
        for (int cell = 0, i = 0; cell < plane; cell++) {
            for (int a = 0; a < head.anchorCount(); a++, i++) { // darknet's order: cells, then anchors
                int base = a * stride + cell;
                float obj = yolo[base + 4 * plane];
                Box box = c.box(i);
                assertThat(c.objectness(i)).isCloseTo(obj, within((float) TOLERANCE));
                assertThat(box.x() * head.gridWidth() - cell % head.gridWidth()).isCloseTo(yolo[base], within(1e-5f));
                assertThat(box.y() * head.gridHeight() - cell / head.gridWidth()).isCloseTo(yolo[base + plane], within(1e-5f));
                for (int k = 0; k < head.classes(); k++) {
                    assertThat(c.probability(i, k)).isCloseTo(obj * yolo[base + (5 + k) * plane], within((float) TOLERANCE));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"pjreddie", "alexeyab"})
    void regionSlotsMatchDarknetsRegionLayer(String fork) {
        DetectionSpec spec = ReferenceSpecs.yolov2TinyMini();
        Head head = spec.heads().get(0);
        String dir = "mini/yolov2-tiny/" + fork;
        Candidates c = decodeEverything(head, spec, layer(dir, 14));
        float[] region = layer(dir, 15);

        int plane = head.gridWidth() * head.gridHeight();
        int entries = 5 + head.classes();
        assertThat(c.size()).isEqualTo(plane * head.anchorCount());
        for (int a = 0, i = 0; a < head.anchorCount(); a++) {
            for (int cell = 0; cell < plane; cell++, i++) { // darknet's region order: anchors, then cells
                // PJ keeps NCHW [anchor][entry][cell] with x, y activated; AB writes [cell][anchor·entry], x, y raw
                boolean pj = fork.equals("pjreddie");
                int objIndex = pj ? (a * entries + 4) * plane + cell : cell * head.anchorCount() * entries + a * entries + 4;
                float obj = region[objIndex];
                assertThat(c.objectness(i)).isCloseTo(obj, within((float) TOLERANCE));
                if (pj) {
                    assertThat(c.box(i).x() * head.gridWidth() - cell % head.gridWidth())
                            .isCloseTo(region[a * entries * plane + cell], within(1e-5f));
                }
                for (int k = 0; k < head.classes(); k++) {
                    int classIndex = pj ? (a * entries + 5 + k) * plane + cell : objIndex + 1 + k;
                    assertThat(c.probability(i, k)).isCloseTo(obj * region[classIndex], within((float) TOLERANCE));
                }
            }
        }
    }

    /** A threshold below every value keeps every slot: the whole head, decoded. */
    private static Candidates decodeEverything(Head head, DetectionSpec spec, float[] raw) {
        Candidates c = new Candidates(head.classes(), 16);
        HeadDecoder.of(head, spec.inputWidth(), spec.inputHeight()).decode(raw, 0, -1f, c);
        return c;
    }

    private static float[] layer(String dir, int index) {
        return SharedRefs.floats(SharedRefs.resolve(String.format("ref/%s/layer_%03d.bin", dir, index)));
    }
}
