package dev.trtpipe.detect.tao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** nvinfer's cluster modes on hand-made candidates. */
class ClusteringTest {

    private static NetBox box(float l, float t, float w, float h, float conf) {
        return new NetBox(0, l, t, w, h, conf);
    }

    /** Two 10×10 boxes shifted by 2: intersection 8·10 = 80, union 120, IoU 2/3. */
    @Test
    void nmsDropsTheWeakerOfTwoOverlappingBoxesAboveTheIouThreshold() {
        NetBox strong = box(0, 0, 10, 10, 0.9f);
        NetBox weak = box(2, 0, 10, 10, 0.8f);
        NetBox apart = box(50, 50, 10, 10, 0.5f);
        assertThat(strong.iou(weak)).isCloseTo(2f / 3, within(1e-6f));

        assertThat(Clustering.nms(List.of(weak, apart, strong), 0.5f, 0f)).containsExactly(strong, apart);
        assertThat(Clustering.nms(List.of(weak, apart, strong), 0.7f, 0f)).containsExactly(strong, weak, apart);
        // the post-cluster threshold is strict: 0.5 does not pass 0.5
        assertThat(Clustering.nms(List.of(weak, apart, strong), 0.5f, 0.5f)).containsExactly(strong);
    }

    /** groupRectangles: similar rectangles average (cvRound), groups of ≤ group-threshold members vanish. */
    @Test
    void groupRectanglesAveragesSimilarRectanglesAndDropsSmallGroups() {
        List<NetBox> boxes = List.of(box(100, 100, 40, 20, 0.5f), box(102, 101, 40, 20, 0.7f), box(101, 99, 41, 21, 0.6f),
                box(300, 300, 40, 20, 0.9f));
        // eps 0.2: delta = 0.2·(40 + 20)/2 = 6, so the first three are one group; the lone box is dropped at threshold 1
        List<NetBox> grouped = Clustering.groupRectangles(boxes, 1, 0.2f);

        assertThat(grouped).singleElement().satisfies(g -> {
            assertThat(new float[] {g.left(), g.top(), g.width(), g.height()}).containsExactly(101, 100, 40, 20);
            assertThat(g.confidence()).isEqualTo(0.7f);
        });
        assertThat(Clustering.groupRectangles(boxes, 0, 0.2f)).isEqualTo(boxes); // threshold 0: nvinfer skips grouping
    }

    /** DBSCAN over 1 − IoU: two overlapping boxes form a cluster, a lone box is noise when minBoxes is 2. */
    @Test
    void dbscanMergesAClusterIntoItsConfidenceWeightedMeanAndDropsNoise() {
        NetBox a = box(0, 0, 10, 10, 0.75f);
        NetBox b = box(2, 0, 10, 10, 0.25f); // 1 − IoU = 1/3
        NetBox lone = box(40, 40, 10, 10, 0.9f);

        List<NetBox> merged = Clustering.dbscan(List.of(a, b, lone), 0.4f, 2, 0f, true);

        assertThat(merged).singleElement().satisfies(m -> {
            assertThat(m.left()).isCloseTo(0.75f * 0 + 0.25f * 2, within(1e-5f));
            assertThat(m.width()).isCloseTo(10f, within(1e-5f));
            assertThat(m.confidence()).isEqualTo(0.75f);
        });
        // dbscan-min-score: the summed confidence 1.0 must reach it
        assertThat(Clustering.dbscan(List.of(a, b, lone), 0.4f, 2, 1.5f, true)).isEmpty();
        // eps below 1/3: no neighbours, everything is noise
        assertThat(Clustering.dbscan(List.of(a, b, lone), 0.3f, 2, 0f, true)).isEmpty();
    }

    /** Hybrid: DBSCAN removes the isolated box, NMS then keeps the strongest of the cluster. */
    @Test
    void hybridRunsNmsOnTheClusteredBoxesOnly() {
        NetBox a = box(0, 0, 10, 10, 0.75f);
        NetBox b = box(2, 0, 10, 10, 0.25f);
        NetBox lone = box(40, 40, 10, 10, 0.9f);
        ClassAttributes attrs = ClassAttributes.DEFAULTS.with("minBoxes", "2").with("eps", "0.4").with("nms-iou-threshold", "0.5");

        assertThat(Clustering.cluster(ClusterMode.HYBRID, List.of(a, b, lone), attrs)).containsExactly(a);
        // minBoxes 0 (nvinfer's default) skips DBSCAN: plain NMS
        assertThat(Clustering.cluster(ClusterMode.HYBRID, List.of(a, b, lone), ClassAttributes.DEFAULTS.with("nms-iou-threshold", "0.5")))
                .containsExactly(lone, a);
        assertThat(Clustering.cluster(ClusterMode.NMS, List.of(a, b, lone), attrs.with("topk", "1"))).containsExactly(lone);
    }
}
