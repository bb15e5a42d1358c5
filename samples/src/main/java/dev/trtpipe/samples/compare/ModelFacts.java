package dev.trtpipe.samples.compare;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.detect.tao.TaoDetectionSpec;
import dev.trtpipe.etlt.Dim;
import dev.trtpipe.etlt.ModelSummary;
import dev.trtpipe.etlt.OnnxPayload;
import dev.trtpipe.etlt.OnnxSummarizer;
import dev.trtpipe.etlt.TaoConverterHints;
import dev.trtpipe.etlt.TensorSummary;
import dev.trtpipe.onnx.OnnxModelInfo;
import dev.trtpipe.onnx.proto.Onnx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the model being compared declares — its inputs, outputs, plugins and {@code metadata_props} —
 * read once from the ONNX file, and what a user must therefore type to build it.
 */
record ModelFacts(ModelSummary summary, Map<String, String> metadata) {

    /** tao-converter's default {@code -m}, used as the top of the batch range for dynamic inputs. */
    static final int MAX_BATCH = 16;

    ModelFacts {
        metadata = Map.copyOf(metadata);
    }

    static ModelFacts read(Path onnx) throws IOException {
        Onnx.ModelProto model = OnnxPayload.read(onnx, onnx.toString());
        return new ModelFacts(OnnxSummarizer.summarize(model), OnnxModelInfo.metadata(model));
    }

    /** The darknet detection spec, for models converted by trtpipe. */
    Optional<DetectionSpec> detectionSpec() {
        return DetectionSpec.isPresentIn(metadata) ? Optional.of(DetectionSpec.fromMetadata(metadata)) : Optional.empty();
    }

    /** The TAO detection spec, for models that carry one ({@code tao-spec}, {@code etlt2onnx --nvinfer-config}). */
    Optional<TaoDetectionSpec> taoSpec() {
        return TaoDetectionSpec.isPresentIn(metadata) ? Optional.of(TaoDetectionSpec.fromMetadata(metadata)) : Optional.empty();
    }

    /** The one input; compare runs single-input models. */
    TensorSummary input() {
        if (summary.inputs().size() != 1) {
            throw new IllegalArgumentException("the model has " + summary.inputs().size() + " inputs ("
                    + summary.inputs().stream().map(TensorSummary::name).toList() + "); compare runs models with one input");
        }
        return summary.inputs().get(0);
    }

    /**
     * The {@code -p name,min,opt,max} values a build needs: one per input with a dynamic batch (batch 1
     * to {@link #MAX_BATCH}); none for static models.
     *
     * @throws IllegalArgumentException for inputs with dynamic dimensions other than the batch
     */
    List<String> profiles() {
        return summary.inputs().stream().filter(t -> !t.isFullyStatic()).map(t -> {
            if (!t.hasDynamicBatchOnly()) {
                throw new IllegalArgumentException("input " + t.name() + " " + t.shapeText() + " has dynamic dimensions besides"
                        + " the batch; compare needs a model with a fixed input size");
            }
            return TaoConverterHints.profile(t, MAX_BATCH, Optional.empty());
        }).toList();
    }

    /** The input's shape for one item: the dynamic batch set to 1. */
    long[] batchOneShape() {
        List<Dim> shape = input().shape();
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).isStatic() ? shape.get(i).size() : i == 0 ? 1 : -1;
        }
        if (dims.length == 0 || Arrays.stream(dims).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("input " + input().name() + " " + input().shapeText()
                    + " has no fixed size; compare needs a model with a fixed input size");
        }
        return dims;
    }

    /** {@code C,H,W} of the input, for tao-converter's {@code -d}. */
    String inputDimsWithoutBatch() {
        long[] shape = batchOneShape();
        return String.join(",", Arrays.stream(shape, 1, shape.length).mapToObj(String::valueOf).toList());
    }

    /** Lines for "what the user must know" of a build: profiles, output names, plugins. */
    List<String> buildKnowledge(boolean taoConverter) {
        return buildKnowledge(taoConverter, false);
    }

    /** @param uffPayload the .etlt holds a UFF graph: tao-converter needs -d and -o for it */
    List<String> buildKnowledge(boolean taoConverter, boolean uffPayload) {
        List<String> lines = new ArrayList<>();
        TensorSummary in = input();
        List<String> profiles = profiles();
        lines.add(profiles.isEmpty()
                ? "input " + in.name() + " " + in.shapeText() + " is static: no profile to give"
                : "the batch range of dynamic input " + in.name() + " " + in.shapeText() + ": -p " + String.join(" -p ", profiles));
        String outputs = String.join(", ", summary.outputs().stream().map(TensorSummary::name).toList());
        lines.add(taoConverter && uffPayload
                ? "a UFF payload: its input dimensions (-d " + inputDimsWithoutBatch() + ") and output names (-o, here " + outputs
                        + ") as the model was exported; the nvinfer config or the model card lists them"
                : taoConverter ? "output names: none to give for an ONNX payload (-o is for UFF); the graph declares " + outputs
                : "output names: none to give; the graph declares " + outputs);
        lines.add(summary.plugins().isEmpty() ? "plugins: none needed" : "plugins: " + String.join(", ", summary.plugins())
                + " (TensorRT's libnvinfer_plugin, or --plugin LIB)");
        return lines;
    }
}
