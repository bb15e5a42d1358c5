package dev.trtpipe.samples.darknet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.ConvolutionalLayer;
import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DarknetWeights;
import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.Layer;
import dev.trtpipe.detect.testing.SharedRefs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The generator against the weights darknet itself was run with (../shared/ref/mini, docs/references.md §4). */
class RandomDarknetWeightsTest {

    private static final Path MINI = SharedRefs.resolve("ref/mini");

    @TempDir
    Path dir;

    static Stream<String> fixtures() throws Exception {
        try (Stream<Path> dirs = Files.list(MINI)) {
            return dirs.map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void theRecipeWithSeed7IsEveryFixturesWeightsFileByteForByte(String fixture) throws Exception {
        DarknetModel model = DarknetModel.parse(MINI.resolve(fixture).resolve("model.cfg"));
        Path written = dir.resolve(fixture + ".weights");

        long bytes = RandomDarknetWeights.write(model, written, RandomDarknetWeights.DEFAULT_SEED, RandomDarknetWeights.Objectness.RANDOM);

        byte[] expected = Files.readAllBytes(MINI.resolve(fixture).resolve("model.weights"));
        assertThat(bytes).isEqualTo(expected.length);
        assertThat(Files.mismatch(written, MINI.resolve(fixture).resolve("model.weights"))).as(fixture).isEqualTo(-1L);
    }

    @Test
    void silentObjectnessReplacesOnlyTheHeadsObjectnessChannels() throws Exception {
        DarknetModel model = DarknetModel.parse(MINI.resolve("yolov3/model.cfg"));
        Path silent = dir.resolve("silent.weights");
        RandomDarknetWeights.write(model, silent, RandomDarknetWeights.DEFAULT_SEED, RandomDarknetWeights.Objectness.SILENT);
        float[] fixture = floats(MINI.resolve("yolov3/model.weights"));
        float[] written = floats(silent);
        assertThat(written).hasSameSizeAs(fixture);
        assertThat(DarknetWeights.read(silent, model, false).sizeCheck().exact()).isTrue();

        // the expected positions, from the cfg: per head conv, the objectness bias and kernel of each anchor
        boolean[] objectness = new boolean[fixture.length];
        long offset = 0;
        List<DetectionSpec.Head> heads = model.detectionSpec().orElseThrow().heads();
        int changedExpected = 0;
        for (Layer layer : model.layers()) {
            DetectionSpec.Head head = heads.stream().filter(h -> h.layerIndex() - 1 == layer.index()).findFirst().orElse(null);
            if (head != null) {
                ConvolutionalLayer conv = (ConvolutionalLayer) layer;
                int perFilter = conv.channelsPerGroup() * conv.size() * conv.size();
                for (int a = 0; a < head.anchorCount(); a++) {
                    int channel = a * (5 + head.classes()) + 4;
                    objectness[(int) offset + channel] = true; // biases come first (no batch norm in a head conv)
                    for (int k = 0; k < perFilter; k++) {
                        objectness[(int) offset + conv.filters() + channel * perFilter + k] = true;
                    }
                    changedExpected += 1 + perFilter;
                }
            }
            offset += layer.weightCount();
        }
        int changed = 0;
        for (int i = 0; i < fixture.length; i++) {
            if (objectness[i]) {
                changed++;
                assertThat(written[i]).isIn(RandomDarknetWeights.SILENT_OBJECTNESS_LOGIT, 0f);
            } else {
                assertThat(written[i]).as("float %d", i).isEqualTo(fixture[i]);
            }
        }
        assertThat(changed).isEqualTo(changedExpected).isPositive();
    }

    /** The payload after the 20-byte header. */
    private static float[] floats(Path weights) throws Exception {
        byte[] bytes = Files.readAllBytes(weights);
        float[] out = new float[(bytes.length - 20) / 4];
        ByteBuffer.wrap(bytes, 20, bytes.length - 20).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
