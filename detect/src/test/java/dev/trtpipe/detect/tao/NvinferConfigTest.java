package dev.trtpipe.detect.tao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.testing.SharedRefs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every nvinfer config in ../shared/etlt, and malformed ones. */
class NvinferConfigTest {

    @TempDir
    Path tmp;

    @Test
    void lpdnetConfigGivesItsPreprocessingClusteringAndLabels() throws Exception {
        NvinferConfig config = NvinferConfig.parse(SharedRefs.resolve("etlt/lpdnet_onnx/sgie_lpd_DetectNet2_us.txt"));
        TaoDetectionSpec s = config.spec();

        assertThat(s.netScaleFactor()).isEqualTo(0.0039215697906911373f);
        assertThat(s.colorFormat()).isEqualTo(ColorFormat.RGB);
        assertThat(s.offsets()).isEmpty();
        assertThat(new int[] {s.inputChannels(), s.inputHeight(), s.inputWidth()}).containsExactly(3, 480, 640);
        assertThat(s.classes()).isEqualTo(1);
        assertThat(s.clusterMode()).isEqualTo(ClusterMode.HYBRID);
        assertThat(s.outputNames()).containsExactly("output_cov/Sigmoid:0", "output_bbox/BiasAdd:0");
        assertThat(s.allClasses().preClusterThreshold()).isEqualTo(0.3f);
        assertThat(s.allClasses().nmsIouThreshold()).isEqualTo(0.3f); // nvinfer's default
        assertThat(s.maintainAspectRatio()).isFalse();
        // labelfile-path is an absolute path of another machine: found by name beside the config
        assertThat(s.labels()).containsExactly("lpd");
        assertThat(config.warnings()).isEmpty();
        assertThat(config.other("onnx-file")).hasValueSatisfying(v -> assertThat(v).endsWith("LPDNet_usa_pruned_tao5.onnx"));
        assertThat(config.other("network-mode")).contains("2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"detectnet_v2/pgie_detectnet_v2_tlt_config.txt", "ssd/pgie_ssd_tlt_config.txt",
            "dssd/pgie_dssd_tlt_config.txt", "retinanet/pgie_retina_tlt_config.txt", "yolov3/pgie_yolov3_tlt_config.txt",
            "frcnn/pgie_frcnn_tlt_config.txt", "ds4/pgie_ssd_uff_config.txt", "ds4/pgie_frcnn_uff_config.txt"})
    void everyTltSampleConfigParses(String name) throws Exception {
        NvinferConfig config = NvinferConfig.parse(SharedRefs.resolve("etlt/tlt-samples/" + name));
        TaoDetectionSpec s = config.spec();

        assertThat(s.classes()).isPositive();
        assertThat(s.inputChannels()).isEqualTo(3);
        assertThat(config.other("tlt-encoded-model")).isPresent();
        assertThat(config.other("tlt-model-key")).isPresent();
        if (name.startsWith("detectnet_v2")) {
            assertThat(s.offsets()).isEmpty();
            assertThat(s.colorFormat()).isEqualTo(ColorFormat.RGB);
            assertThat(s.clusterMode()).isEqualTo(ClusterMode.GROUP_RECTANGLES);
            assertThat(s.allClasses().groupThreshold()).isEqualTo(1);
            assertThat(s.allClasses().eps()).isEqualTo(0.2f);
            assertThat(new int[] {s.inputHeight(), s.inputWidth()}).containsExactly(544, 960);
        } else {
            // the other families are trained on BGR with the ImageNet means (Caffe style)
            assertThat(s.offsets()).containsExactly(103.939f, 116.779f, 123.68f);
            assertThat(s.colorFormat()).isEqualTo(ColorFormat.BGR);
            assertThat(s.netScaleFactor()).isEqualTo(1f);
        }
        if (name.equals("ds4/pgie_ssd_uff_config.txt")) {
            assertThat(s.allClasses().preClusterThreshold()).isEqualTo(0.3f); // the old key 'threshold'
        }
        if (name.startsWith("yolov3")) {
            assertThat(s.clusterMode()).isEqualTo(ClusterMode.HYBRID);
            assertThat(s.outputNames()).containsExactly("BatchedNMS");
        }
    }

    @Test
    void specSurvivesTheMetadataRoundTrip() throws Exception {
        Path file = write("[property]\nnet-scale-factor=0.5\noffsets=1;2;3\nmodel-color-format=1\nmaintain-aspect-ratio=1\n"
                + "symmetric-padding=1\ninfer-dims=3;64;96\nnum-detected-classes=3\ncluster-mode=2\noutput-blob-names=a;b\n"
                + "[class-attrs-all]\npre-cluster-threshold=0.4\nnms-iou-threshold=0.45\ntopk=20\n"
                + "[class-attrs-1]\npre-cluster-threshold=0.7\n");
        TaoDetectionSpec s = NvinferConfig.parse(file).spec();

        Map<String, String> metadata = s.toMetadata();
        TaoDetectionSpec back = TaoDetectionSpec.fromMetadata(metadata);

        assertThat(TaoDetectionSpec.isPresentIn(metadata)).isTrue();
        assertThat(back).isEqualTo(s);
        assertThat(back.attributes(1).preClusterThreshold()).isEqualTo(0.7f);
        assertThat(back.attributes(1).nmsIouThreshold()).isEqualTo(0.45f); // inherited from class-attrs-all
        assertThat(back.attributes(2).preClusterThreshold()).isEqualTo(0.4f);
        assertThat(back.symmetricPadding()).isTrue();
        assertThat(metadata).containsEntry("tao.offsets", "1.0;2.0;3.0").containsEntry("tao.model-color-format", "1");
    }

    @Test
    void badLinesAreReportedWithFileAndLine() throws Exception {
        expectError("[property]\nnet-scale-factor=abc\n", ":2: net-scale-factor must be a number, got 'abc'");
        expectError("net-scale-factor=1\n", ":1: key 'net-scale-factor' before any group; put it under [property]");
        expectError("[property]\njust words\n", ":2: 'just words' is not key=value");
        expectError("[property]\n\n[class-attrs-all]\npre-cluster-threshold=1.5\n", ":4: pre-cluster-threshold must be in [0, 1], got 1.5");
        expectError("[property]\ncluster-mode=7\n", ":2: cluster-mode must be 0 (groupRectangles)");
        expectError("[property]\nnetwork-type=1\n", ":2: network-type=1 is not a detector");
        expectError("[property]\nuff-input-dims=3;480\n", ":2: uff-input-dims must be C;H;W;order");
        expectError("[class-attrs-x]\neps=1\n", ":2: group [class-attrs-x] should be [class-attrs-all] or [class-attrs-<class id>]");
        assertThatThrownBy(() -> NvinferConfig.parse(write("[property]\noffsets=1;2\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offsets has 2 values but model-color-format 0 (RGB) has 3");
    }

    @Test
    void aMissingLabelFileIsAWarningNotAnError() throws Exception {
        NvinferConfig config = NvinferConfig.parse(write("[property]\nlabelfile-path=/nowhere/labels.txt\n"));
        assertThat(config.spec().labels()).isEmpty();
        assertThat(config.warnings()).singleElement().asString().contains(":2: label file /nowhere/labels.txt not found")
                .endsWith("classes are numbered, pass class names to name them");
    }

    private void expectError(String text, String message) throws Exception {
        Path file = write(text);
        assertThatThrownBy(() -> NvinferConfig.parse(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(message);
    }

    @Test
    void bytesThatAreNotUtf8AreNamedByLineAndOffset() throws Exception {
        // found by NvinferConfigFuzzTest: the JDK's message was "Input length = 1", without file or place
        Path config = Files.write(tmp.resolve("binary.txt"), new byte[] {'[', 'p', ']', '\n', 'a', '=', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> NvinferConfig.parse(config)).hasMessage(config + ":2: byte 6 (0xff) is not UTF-8 text;"
                + " is this really the nvinfer config? save it as UTF-8 text");
        Path labels = Files.write(tmp.resolve("labels.txt"), new byte[] {'c', 'a', 'r', '\n', (byte) 0xc3});
        Path withLabels = Files.writeString(tmp.resolve("with-labels.txt"), "[property]\nlabelfile-path=labels.txt\n");
        assertThatThrownBy(() -> NvinferConfig.parse(withLabels)).hasMessageStartingWith(labels + ":2: byte 4 (0xc3) is not UTF-8");
    }

    @Test
    void aLabelFilePathWithoutAFileNameIsReportedAsNotFound() throws Exception {
        // found by NvinferConfigFuzzTest: labelfile-path=/ has no file name to look for beside the config (was a NullPointerException)
        Path config = Files.writeString(tmp.resolve("root-labels.txt"), "[property]\nnum-detected-classes=1\nlabelfile-path=/\n");
        assertThat(NvinferConfig.parse(config).warnings()).singleElement().asString()
                .startsWith(config + ":3: label file / not found");
    }

    private Path write(String text) throws Exception {
        Path file = tmp.resolve("config_" + List.of(text).hashCode() + ".txt");
        return Files.writeString(file, text);
    }
}
