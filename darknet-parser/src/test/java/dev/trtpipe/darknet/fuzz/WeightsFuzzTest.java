package dev.trtpipe.darknet.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DarknetWeights;
import dev.trtpipe.darknet.Layer;
import dev.trtpipe.darknet.LayerWeights;
import dev.trtpipe.darknet.WeightSegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzz test of the {@code .weights} reader ({@link DarknetWeights#read}: header, size
 * check, partial files, cutting into layers) against one fixed cfg. {@code mvn test} replays the seeds in
 * {@code WeightsFuzzTestInputs/}; {@code JAZZER_FUZZ=1} runs a campaign. A file is read whole (every
 * array's values and the hash are touched) or refused with an {@link IllegalArgumentException} /
 * {@link IOException} whose one-line message names the file; nothing else may escape.
 */
class WeightsFuzzTest {

    /**
     * Batch-normalized and plain convolutions (the two record layouts), small enough that a fuzzer finds
     * the exact size: 4 + 3·4 + 4·3·3·3 = 124 floats, then 21 + 21·4 = 105, after a 16- or 20-byte header.
     */
    static final String CFG = """
            [net]
            width=8
            height=8
            channels=3
            [convolutional]
            batch_normalize=1
            filters=4
            size=3
            pad=1
            activation=leaky
            [maxpool]
            size=2
            stride=2
            [convolutional]
            filters=21
            size=1
            activation=linear
            [yolo]
            mask=0,1,2
            anchors=1,2,3,4,5,6
            classes=2
            num=3
            """;

    private static final DarknetModel MODEL = DarknetModel.parse(CFG, "fuzz.cfg", 64L << 20);

    @FuzzTest(maxDuration = "10s")
    void weightsReaderFailsOnlyWithAMessage(byte[] content) throws IOException {
        Path file = Files.createTempFile("fuzz", ".weights");
        try {
            Files.write(file, content);
            for (boolean allowPartial : new boolean[] {false, true}) {
                try {
                    DarknetWeights weights = DarknetWeights.read(file, MODEL, allowPartial);
                    assertThat(weights.awaitSha256()).hasSize(64);
                    assertThat(touchEveryValue(weights)).isEqualTo(MODEL.layers().stream().mapToLong(Layer::weightCount).sum());
                } catch (IOException | IllegalArgumentException e) {
                    assertThat(e.getMessage()).isNotBlank().doesNotContain("\n").contains(file.toString());
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Reads every float of every layer (zeros for the layers a partial file lacks); returns how many. */
    private static long touchEveryValue(DarknetWeights weights) {
        long count = 0;
        for (Layer layer : MODEL.layers()) {
            LayerWeights lw = weights.forLayer(layer.index()).orElse(null);
            if (lw == null) {
                continue;
            }
            for (WeightSegment segment : layer.weightLayout()) {
                count += lw.get(segment.kind()).toArray().length;
            }
        }
        return count;
    }
}
