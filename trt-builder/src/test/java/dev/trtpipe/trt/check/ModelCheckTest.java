package dev.trtpipe.trt.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.trtpipe.onnx.proto.Onnx;
import dev.trtpipe.trt.TrtAvailability;
import dev.trtpipe.trt.TrtUnavailableException;
import dev.trtpipe.trt.selftest.SyntheticModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check path without a GPU: ONNX Runtime against ONNX Runtime, on the two-input model (float and
 * int64 inputs, two outputs, dynamic batch).
 */
class ModelCheckTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] model) throws Exception {
        return Files.write(dir.resolve(name), model);
    }

    private CheckSettings settings(Path onnx, Path candidate, Map<String, Path> inputs, Tolerances tolerances, Optional<Path> save) {
        return new CheckSettings(onnx, candidate, Map.of(SyntheticModels.FEATURES, new long[] {3, SyntheticModels.FEATURE_SIZE}), 5,
                inputs, Map.of(), tolerances, save);
    }

    @Test
    void onnxRuntimeRunsTheTwoInputModelAsItsDefinitionSays() throws Exception {
        byte[] model = SyntheticModels.twoInputs(11, 1f);
        Path onnx = write("two.onnx", model);
        long[] idsShape = {2, SyntheticModels.TOKENS};
        TensorData ids = TensorData.of(ElementType.INT64, idsShape, new double[] {0, 9, 3, 3, 7, 1, 2, 8});
        TensorData features = new RandomInputs(3).generate("f", ElementType.FLOAT, new long[] {2, 16}, new ValueRange(-1, 1));
        Map<String, TensorData> out;
        try (OnnxRuntimeRunner runner = OnnxRuntimeRunner.open(onnx)) {
            assertThat(runner.inputs()).extracting(i -> i.name() + " " + i.dataType())
                    .containsExactly("features float", "token_ids int64");
            out = runner.run(Map.of(SyntheticModels.FEATURES, features, SyntheticModels.TOKEN_IDS, ids));
        }
        assertThat(out).containsOnlyKeys(SyntheticModels.SCORES, SyntheticModels.POOLED);
        assertThat(out.get(SyntheticModels.SCORES).shape()).containsExactly(2, 8);
        double[][] expected = reference(model, features.toDoubles(), ids.toDoubles());
        assertThat(out.get(SyntheticModels.POOLED).toDoubles()).containsExactly(expected[0], within(1e-5));
        assertThat(out.get(SyntheticModels.SCORES).toDoubles()).containsExactly(expected[1], within(1e-5));
    }

    /** {pooled, scores} computed from the model's definition and its initializers, without ONNX Runtime. */
    private static double[][] reference(byte[] model, double[] features, double[] ids) throws InvalidProtocolBufferException {
        Map<String, float[]> w = new HashMap<>();
        for (Onnx.TensorProto t : Onnx.ModelProto.parseFrom(model).getGraph().getInitializerList()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] v = new float[b.remaining() / 4];
            b.asFloatBuffer().get(v);
            w.put(t.getName(), v);
        }
        int n = ids.length / SyntheticModels.TOKENS, f = SyntheticModels.FEATURE_SIZE, k = SyntheticModels.CLASSES;
        double[] pooled = new double[n * f], scores = new double[n * k];
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < f; j++) {
                double sum = 0;
                for (int t = 0; t < SyntheticModels.TOKENS; t++) {
                    sum += w.get("embedding")[(int) ids[b * SyntheticModels.TOKENS + t] * f + j];
                }
                pooled[b * f + j] = sum / SyntheticModels.TOKENS;
            }
            for (int c = 0; c < k; c++) {
                double z = w.get("dense.bias")[c];
                for (int j = 0; j < f; j++) {
                    z += (features[b * f + j] + pooled[b * f + j]) * w.get("dense.weight")[j * k + c];
                }
                scores[b * k + c] = Math.tanh(z);
            }
        }
        return new double[][] {pooled, scores};
    }

    @Test
    void aCandidateOffByOnePercentHasRelativeL2OfOnePercentOnThatOutputOnly() throws Exception {
        Path onnx = write("two.onnx", SyntheticModels.twoInputs(11, 1f));
        Path candidate = write("two-scaled.onnx", SyntheticModels.twoInputs(11, 1.01f));
        CheckReport report = ModelCheck.run(settings(onnx, candidate, Map.of(), Tolerances.defaults(), Optional.empty()));
        assertThat(report.inputs()).extracting(r -> r.name() + " " + r.tensor())
                .containsExactly("features float[3x16]", "token_ids int64[3x4]");
        Map<String, OutputComparison> byName = new LinkedHashMap<>();
        report.outputs().forEach(o -> byName.put(o.name(), o));
        // candidate = 1.01 · reference exactly, so ||c - r|| / ||r|| = 0.01 (up to float rounding)
        assertThat(byName.get(SyntheticModels.SCORES).relativeL2()).isCloseTo(0.01, within(1e-6));
        assertThat(byName.get(SyntheticModels.SCORES).passed()).isFalse();
        assertThat(byName.get(SyntheticModels.POOLED).maxAbs()).isZero();
        assertThat(byName.get(SyntheticModels.POOLED).passed()).isTrue();
        assertThat(report.passed()).isFalse();
        assertThat(CheckTable.markdown(report)).contains("| scores | 3x8 |").contains("FAIL (rel-L2 1.00e-02 > 1e-03)").endsWith("FAILED\n");

        Tolerances loose = new Tolerances(Optional.empty(), Optional.empty(), Optional.of(0.02));
        assertThat(ModelCheck.run(settings(onnx, candidate, Map.of(), loose, Optional.empty())).passed()).isTrue();
    }

    @Test
    void givenInputsAreUsedAndBothSidesAreSaved() throws Exception {
        Path onnx = write("two.onnx", SyntheticModels.twoInputs(11, 1f));
        TensorData ids = TensorData.of(ElementType.INT32, new long[] {3, 4}, new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1});
        Path idsFile = dir.resolve("ids.npy");
        Npy.write(idsFile, ids);
        Path save = dir.resolve("saved");
        CheckReport report = ModelCheck.run(settings(onnx, onnx, Map.of(SyntheticModels.TOKEN_IDS, idsFile), Tolerances.defaults(),
                Optional.of(save)));
        assertThat(report.passed()).isTrue();
        assertThat(report.inputs().get(1).source()).isEqualTo(idsFile.toString());
        // an int32 file feeds the int64 input, converted
        assertThat(Npy.read(save.resolve("inputs/token_ids.npy"))).isEqualTo(ids.as(ElementType.INT64));
        TensorData reference = Npy.read(save.resolve("reference/scores.npy"));
        assertThat(reference.shape()).containsExactly(3, 8);
        assertThat(Npy.read(save.resolve("candidate/scores.npy"))).isEqualTo(reference);
    }

    @Test
    void mismatchedModelsAndInputsAreNamed() throws Exception {
        Path onnx = write("two.onnx", SyntheticModels.twoInputs(11, 1f));
        Path other = write("conv.onnx", SyntheticModels.convNet(1, 1));
        assertThatThrownBy(() -> ModelCheck.run(settings(onnx, other, Map.of(), Tolerances.defaults(), Optional.empty())))
                .hasMessageContaining("conv.onnx: its inputs [images] are not the inputs").hasMessageContaining("is it the engine of this model?");
        Path wrong = dir.resolve("wrong.npy");
        Npy.write(wrong, TensorData.of(ElementType.INT64, new long[] {3, 5}, new double[15]));
        assertThatThrownBy(() -> ModelCheck.run(settings(onnx, onnx, Map.of(SyntheticModels.TOKEN_IDS, wrong), Tolerances.defaults(),
                Optional.empty()))).hasMessageContaining("input 'token_ids' is ?x4 in the model; 3x5 does not fit it");
    }

    @Test
    void anEngineWithoutTensorRtIsTheUnavailableError() throws Exception {
        Assumptions.assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT");
        Path onnx = write("two.onnx", SyntheticModels.twoInputs(11, 1f));
        Path plan = Files.write(dir.resolve("two.plan"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> ModelCheck.run(settings(onnx, plan, Map.of(), Tolerances.defaults(), Optional.empty())))
                .isInstanceOf(TrtUnavailableException.class);
    }
}
