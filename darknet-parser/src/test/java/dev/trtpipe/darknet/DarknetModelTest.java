package dev.trtpipe.darknet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.ref.ReferenceDump;
import dev.trtpipe.darknet.ref.SharedFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Shapes and structure of real cfgs, checked against darknet's own dumps and the spec's feature table. */
class DarknetModelTest {

    static Stream<Path> allCfgs() {
        return SharedFiles.allCfgs().stream();
    }

    static Stream<Path> miniFixtures() {
        return SharedFiles.miniFixtures().stream();
    }

    @ParameterizedTest
    @MethodSource("allCfgs")
    void everyShippedCfgParsesWithoutUnusedKeys(Path cfg) throws IOException {
        DarknetModel model = DarknetModel.parse(cfg);
        assertThat(model.layers()).isNotEmpty();
        assertThat(model.detectionSpec()).isPresent();
        // the only key these cfgs set that darknet itself never reads: AB's parse_yolo knows beta_nms, not beta1
        assertThat(model.warnings()).as("warnings for %s", cfg).allMatch(w -> w.contains("unused key 'beta1=0.6' in [yolo]"));
    }

    /** Every layer's type and C×H×W equal darknet's dump manifest of the same cfg (160×128, non-square). */
    @ParameterizedTest
    @MethodSource("miniFixtures")
    void shapesMatchDarknetsOwnLayerOutputs(Path fixture) throws IOException {
        DarknetModel model = DarknetModel.parse(fixture.resolve("model.cfg"));
        ReferenceDump dump = ReferenceDump.read(fixture.resolve("alexeyab"));
        assertThat(model.layers()).hasSize(dump.layers().size());
        for (ReferenceDump.Entry e : dump.layers()) {
            Layer layer = model.layer(e.index());
            assertThat(layer.type()).as("type of layer %d", e.index()).isEqualTo(e.type());
            assertThat(layer.output()).as("shape of layer %d [%s]", e.index(), e.type())
                    .isEqualTo(new Shape(e.channels(), e.height(), e.width()));
        }
    }

    /** darknet.md §10 (per-model feature table), computed there from the cfg files. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            alexeyab/yolov2-tiny-voc.cfg | 9 | 6 | 0 | 0 | 0 | 1 | 32
            alexeyab/yolov2.cfg | 23 | 5 | 0 | 2 | 0 | 1 | 32
            alexeyab/yolov3.cfg | 75 | 0 | 2 | 4 | 23 | 3 | 32
            alexeyab/yolov3-spp.cfg | 76 | 3 | 2 | 7 | 23 | 3 | 32
            alexeyab/yolov3-tiny-prn.cfg | 13 | 6 | 1 | 1 | 5 | 2 | 32
            alexeyab/yolov3-tiny_3l.cfg | 16 | 6 | 2 | 4 | 0 | 3 | 32
            alexeyab/yolov4.cfg | 110 | 3 | 2 | 21 | 23 | 3 | 8
            alexeyab/yolov4_new.cfg | 110 | 3 | 2 | 21 | 23 | 3 | 8
            alexeyab/yolov4-tiny.cfg | 21 | 3 | 1 | 11 | 0 | 2 | 32
            alexeyab/yolov4-tiny-3l.cfg | 24 | 3 | 2 | 13 | 0 | 3 | 32
            alexeyab/yolov4-csp.cfg | 115 | 3 | 2 | 29 | 23 | 3 | 8
            alexeyab/yolov4-csp-swish.cfg | 115 | 3 | 2 | 30 | 23 | 3 | 8
            alexeyab/yolov4-csp-s-mish.cfg | 69 | 3 | 2 | 30 | 5 | 3 | 8
            alexeyab/yolov4x-mish.cfg | 137 | 3 | 2 | 29 | 29 | 3 | 8
            alexeyab/yolov4-p5.cfg | 163 | 3 | 2 | 32 | 41 | 3 | 8
            alexeyab/yolov4-sam-mish-csp-reorg-bfm.cfg | 128 | 3 | 5 | 43 | 25 | 3 | 8
            alexeyab/yolov7-tiny.cfg | 58 | 6 | 2 | 30 | 0 | 3 | 8
            alexeyab/yolov7.cfg | 92 | 8 | 2 | 38 | 0 | 3 | 8
            alexeyab/yolov7x.cfg | 108 | 8 | 2 | 38 | 0 | 3 | 8
            pjreddie/yolov2.cfg | 23 | 5 | 0 | 2 | 0 | 1 | 32
            pjreddie/yolov3.cfg | 75 | 0 | 2 | 4 | 23 | 3 | 32
            pjreddie/yolov3-tiny.cfg | 13 | 6 | 1 | 2 | 0 | 2 | 32
            """)
    void structureMatchesTheSpecFeatureTable(String cfg, int convs, int maxpools, int upsamples, int routes,
                                             int shortcuts, int heads, int firstHeadStride) throws IOException {
        DarknetModel model = DarknetModel.parse(SharedFiles.resolve("models/darknet/cfg/" + cfg));
        List<Layer> layers = model.layers();
        assertThat(count(layers, ConvolutionalLayer.class)).isEqualTo(convs);
        assertThat(count(layers, MaxpoolLayer.class)).isEqualTo(maxpools);
        assertThat(count(layers, UpsampleLayer.class)).isEqualTo(upsamples);
        assertThat(count(layers, RouteLayer.class)).isEqualTo(routes);
        assertThat(count(layers, ShortcutLayer.class)).isEqualTo(shortcuts);
        DetectionSpec spec = model.detectionSpec().orElseThrow();
        assertThat(spec.heads()).hasSize(heads);
        assertThat(spec.inputWidth() / spec.heads().get(0).gridWidth()).isEqualTo(firstHeadStride);
    }

    private static long count(List<Layer> layers, Class<? extends Layer> type) {
        return layers.stream().filter(type::isInstance).count();
    }
}
