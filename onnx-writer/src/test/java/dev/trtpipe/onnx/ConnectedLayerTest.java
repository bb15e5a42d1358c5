package dev.trtpipe.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DarknetWeights;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [connected]} has no darknet dump in {@code ../shared}: checked against darknet.md §1.2/§6
 * directly — {@code y = W·x + b} with W stored {@code [outputs][inputs]} over the C·H·W-flattened input,
 * then the activation, output {@code outputs×1×1}.
 */
class ConnectedLayerTest {

    @TempDir
    Path tmp;

    @Test
    void gemmOverTheFlattenedInput() throws Exception {
        DarknetModel model = DarknetModel.parse("[net]\nwidth=3\nheight=2\nchannels=2\n[connected]\noutput=4\nactivation=leaky\n", "fc.cfg");
        int inputs = 12;
        int outputs = 4;
        float[] bias = {0.5f, -0.25f, 0f, 1f};
        float[][] w = new float[outputs][inputs];
        ByteBuffer file = ByteBuffer.allocate(20 + 4 * (outputs + outputs * inputs)).order(ByteOrder.LITTLE_ENDIAN);
        file.putInt(0).putInt(2).putInt(5).putLong(0);
        for (float b : bias) {
            file.putFloat(b);
        }
        for (int o = 0; o < outputs; o++) {
            for (int i = 0; i < inputs; i++) {
                w[o][i] = (float) Math.cos(o * 13 + i);
                file.putFloat(w[o][i]);
            }
        }
        Path weights = Files.write(tmp.resolve("fc.weights"), file.array());
        Fixtures f = new Fixtures(model, DarknetWeights.read(weights, model, false));
        float[] x = new float[inputs];
        for (int i = 0; i < inputs; i++) {
            x[i] = (float) Math.sin(i) * 2;
        }
        float[] y = OrtRunner.run(f.onnx(ConversionOptions.defaults()), x, f.inputDims(1)).get("000_connected");
        assertThat(y).hasSize(outputs);
        for (int o = 0; o < outputs; o++) {
            double sum = bias[o];
            for (int i = 0; i < inputs; i++) {
                sum += w[o][i] * x[i];
            }
            double expected = sum > 0 ? sum : 0.1 * sum;
            assertThat((double) y[o]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
        }
    }
}
