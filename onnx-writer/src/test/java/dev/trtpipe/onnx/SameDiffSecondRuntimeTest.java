package dev.trtpipe.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DarknetWeights;
import dev.trtpipe.darknet.Layer;
import dev.trtpipe.darknet.UpsampleLayer;
import dev.trtpipe.darknet.YoloLayer;
import dev.trtpipe.darknet.ref.ReferenceDump;
import dev.trtpipe.darknet.ref.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.samediff.frameworkimport.onnx.importer.OnnxFrameworkImporter;

/**
 * A second, independent runtime: Deeplearning4j SameDiff (M2.1) imports the ONNX we write. Two DL4J bugs
 * shape the test: it reads asymmetric MaxPool pads wrongly (worked around in the imported copy, see
 * {@link SameDiffCompatibility}), and its nearest {@code Resize} scrambles non-square maps (on the
 * 160×128 fixtures every layer after the first {@code [upsample]} is off by ~100 %, while a square input
 * agrees with ONNX Runtime to 1e-6). So: on darknet's fixture, every layer before the first upsample
 * against darknet's own dumps; on the same network with a square input, the heads against ONNX Runtime.
 */
class SameDiffSecondRuntimeTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"yolov3-tiny", "yolov4-tiny"})
    void layersBeforeTheFirstUpsampleMatchDarknet(String fixture) throws Exception {
        Path dir = SharedFiles.resolve("ref/mini/" + fixture);
        Fixtures f = Fixtures.mini(dir);
        SameDiff sd = importIntoSameDiff(f.convert(ConversionOptions.defaults().withExposedLayers(true)), fixture);
        ReferenceDump dump = ReferenceDump.read(dir.resolve("alexeyab"));
        INDArray input = Nd4j.create(dump.input(), f.inputDims(1), 'c');
        int compared = 0;
        for (Layer layer : f.model().layers()) {
            if (layer instanceof UpsampleLayer) {
                break;
            }
            if (layer instanceof YoloLayer || !sd.hasVariable(layer.tensorName())) {
                continue; // DL4J folds Identity nodes (aliased layers) away; their source layer is compared
            }
            float[] actual = run(sd, input, layer.tensorName());
            assertThat(Tensors.relativeError(actual, dump.tensor(dump.layer(layer.index()).orElseThrow())))
                    .as("layer %d [%s]", layer.index(), layer.type()).isLessThanOrEqualTo(1e-4);
            compared++;
        }
        assertThat(compared).isGreaterThan(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yolov3-tiny", "yolov4-tiny"})
    void headsAgreeWithOnnxRuntimeOnASquareInput(String fixture) throws Exception {
        Path dir = SharedFiles.resolve("ref/mini/" + fixture);
        String square = Files.readString(dir.resolve("model.cfg")).replace("height=128", "height=160");
        DarknetModel model = DarknetModel.parse(square, fixture + "-square.cfg");
        Fixtures f = new Fixtures(model, DarknetWeights.read(dir.resolve("model.weights"), model, false));
        ConvertedModel converted = f.convert(ConversionOptions.defaults());
        float[] input = new float[3 * 160 * 160];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) (0.5 + 0.5 * Math.sin(i * 0.37));
        }
        Map<String, float[]> ort = OrtRunner.run(converted.toModelProto().toByteArray(), input, f.inputDims(1));
        SameDiff sd = importIntoSameDiff(converted, fixture + "-square");
        for (HeadOutput head : converted.heads()) {
            float[] actual = run(sd, Nd4j.create(input, f.inputDims(1), 'c'), head.tensor());
            assertThat(Tensors.relativeError(actual, ort.get(head.tensor()))).as(head.tensor()).isLessThanOrEqualTo(1e-5);
        }
    }

    private SameDiff importIntoSameDiff(ConvertedModel converted, String name) throws Exception {
        Path file = tmp.resolve(name + ".onnx");
        Files.write(file, SameDiffCompatibility.withUnpaddedMaxPools(converted.toModelProto()).toByteArray());
        return new OnnxFrameworkImporter().runImport(file.toString(), Map.of(), false);
    }

    private static float[] run(SameDiff sd, INDArray input, String output) {
        return sd.output(Map.of(DarknetModel.INPUT_NAME, input), output).get(output).dup('c').data().asFloat();
    }
}
