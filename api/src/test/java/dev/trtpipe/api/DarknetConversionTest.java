package dev.trtpipe.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DarknetWeights;
import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.onnx.DarknetOnnxConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DarknetConversionTest {

    @TempDir
    Path tmp;

    @Test
    void theBundledModelBecomesAnOnnxFileWhoseDigestsAndTensorsTheResultReports() throws Exception {
        Path onnx = tmp.resolve("sub/yolo-fastest.onnx");

        ConversionResult result = DarknetConversion.toOnnx(DarknetReference.CFG, DarknetReference.WEIGHTS, onnx,
                ConversionOptions.defaults());

        assertThat(result.onnx()).isEqualTo(onnx);
        assertThat(result.bytes()).isEqualTo(Files.size(onnx));
        assertThat(result.sha256()).isEqualTo(sha256(Files.readAllBytes(onnx)));
        assertThat(result.weightsSha256()).isEqualTo(sha256(Files.readAllBytes(DarknetReference.WEIGHTS)));
        // from the cfg's text: [net] width/height/channels, and one raw head output per [yolo] section
        String cfg = Files.readString(DarknetReference.CFG);
        assertThat(result.inputs()).containsExactly(new TensorDescription("input",
                List.of(1L, (long) cfgInt(cfg, "channels"), (long) cfgInt(cfg, "height"), (long) cfgInt(cfg, "width"))));
        assertThat(result.outputs()).hasSize(count(cfg, "[yolo]"));
        assertThat(tmp.resolve("sub")).isDirectoryContaining(p -> p.getFileName().toString().equals("yolo-fastest.onnx"));
    }

    @Test
    void theFileIsTheBytesOfTheStageLibrariesConversion() throws Exception {
        Path onnx = tmp.resolve("m.onnx");
        DarknetConversion.toOnnx(DarknetReference.CFG, DarknetReference.WEIGHTS, onnx,
                ConversionOptions.builder().dynamicBatch(true).opset(17).build());

        DarknetModel model = DarknetModel.parse(DarknetReference.CFG);
        byte[] direct = DarknetOnnxConverter.convert(model, DarknetWeights.read(DarknetReference.WEIGHTS, model, false),
                new dev.trtpipe.onnx.ConversionOptions(17, true, false, false)).toModelProto().toByteArray();
        assertThat(Files.readAllBytes(onnx)).isEqualTo(direct);
    }

    @Test
    void theDecodeHeadModeNamesItsOutputsAndTheBatchIsSymbolic() throws Exception {
        ConversionResult result = DarknetConversion.toOnnx(DarknetReference.CFG, DarknetReference.WEIGHTS,
                tmp.resolve("d.onnx"), ConversionOptions.builder().headMode(HeadMode.decode()).dynamicBatch(true).build());

        assertThat(result.outputs()).extracting(TensorDescription::name)
                .containsExactly(HeadMode.Decode.BOXES, HeadMode.Decode.OBJECTNESS, HeadMode.Decode.SCORES);
        assertThat(result.inputs().get(0).dimensions().get(0)).isEqualTo(-1L);
        assertThat(result.inputs().get(0).toString()).isEqualTo("input Nx3x320x320");
    }

    @Test
    void aHeadModeForACfgWithoutDetectorNamesTheFileNotAFlagAndWritesNothing() throws Exception {
        Path cfg = Files.writeString(tmp.resolve("backbone.cfg"),
                "[net]\nwidth=32\nheight=32\nchannels=3\n\n[convolutional]\nfilters=4\nsize=3\nstride=1\npad=1\nactivation=leaky\n");
        Path onnx = tmp.resolve("backbone.onnx");

        assertThatThrownBy(() -> DarknetConversion.toOnnx(cfg, tmp.resolve("never-read.weights"), onnx,
                ConversionOptions.builder().headMode(HeadMode.decode()).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(cfg + ": has no [yolo] or [region] layer")
                .hasMessageNotContaining("--");
        assertThat(onnx).doesNotExist();
    }

    @Test
    void weightsOfAnotherModelFailWithoutAHalfWrittenFile() {
        Path onnx = tmp.resolve("bad.onnx");
        Path other = dev.trtpipe.detect.testing.SharedRefs.resolve("ref/mini/yolov3-tiny/model.weights");

        assertThatThrownBy(() -> DarknetConversion.toOnnx(DarknetReference.CFG, other, onnx))
                .isInstanceOf(dev.trtpipe.darknet.DarknetFormatException.class).hasMessageStartingWith(other.toString());
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void optionsOutOfRangeAreRefusedWithTheValue() {
        assertThatThrownBy(() -> ConversionOptions.builder().opset(9).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("opset 9");
        assertThatThrownBy(() -> ConversionOptions.builder().memoryLimitBytes(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 bytes");
        ConversionOptions folded = ConversionOptions.defaults().toBuilder().foldBatchNorm(true).build();
        assertThat(folded).isEqualTo(new ConversionOptions(ConversionOptions.DEFAULT_OPSET, false, HeadMode.raw(), true,
                false, false, DarknetModel.DEFAULT_MEMORY_LIMIT_BYTES));
    }

    private static int cfgInt(String cfg, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + "\\s*=\\s*(\\d+)").matcher(cfg);
        assertThat(m.find()).as(key).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
