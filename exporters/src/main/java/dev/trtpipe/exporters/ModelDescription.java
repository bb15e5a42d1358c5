package dev.trtpipe.exporters;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.trt.Precision;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a deployment exporter needs to know about a model: its file, I/O tensors, the darknet
 * {@link DetectionSpec} when the model carries one, the precision it runs in, and the largest batch it
 * accepts. Built from an ONNX file by {@link OnnxModelReader}, and from a TensorRT plan's sidecar with
 * {@link #ofEngine}.
 *
 * @param maxBatch the largest batch the model itself accepts: the fixed batch dimension of a static
 *                 model, the optimization profile's maximum for an engine, or {@link #UNBOUNDED_BATCH}
 *                 for an ONNX model with a symbolic batch dimension
 * @param metadata the model's key/value metadata (ONNX {@code metadata_props}, the sidecar's copy of them)
 */
public record ModelDescription(Path file, ModelFormat format, List<TensorInfo> inputs, List<TensorInfo> outputs,
                               Optional<DetectionSpec> detection, Precision precision, int maxBatch,
                               Map<String, String> metadata) {

    /** {@link #maxBatch()} of a model whose batch dimension is symbolic (any batch). */
    public static final int UNBOUNDED_BATCH = Integer.MAX_VALUE;

    public ModelDescription {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(precision, "precision");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        metadata = Map.copyOf(metadata);
        Objects.requireNonNull(detection, "detection");
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException(file + ": a deployable model needs at least one input and one output");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException(file + ": max batch must be at least 1, got " + maxBatch);
        }
        if (detection.isPresent()) {
            checkHeadTensors(file, detection.get(), outputs);
        }
    }

    /**
     * The metadata's class count against the raw head tensors the model really has (as detect checks):
     * an export must not write a class count the network does not produce.
     */
    private static void checkHeadTensors(Path file, DetectionSpec spec, List<TensorInfo> outputs) {
        for (DetectionSpec.Head head : spec.heads()) {
            for (TensorInfo t : outputs) {
                long[] shape = t.shape();
                if (t.name().equals(head.outputName()) && shape.length == 4 && shape[1] > 0 && shape[1] != head.channels()) {
                    throw new IllegalArgumentException(file + ": head " + t.name() + " has " + shape[1] + " channels but its"
                            + " darknet metadata says " + head.anchorCount() + " anchors x (5 + " + head.classes()
                            + " classes) = " + head.channels() + "; the metadata is damaged: re-convert the model with trtpipe");
                }
            }
        }
    }

    /**
     * The seam for TensorRT engines: the engine sidecar reader (a JSON file {@code <plan>.json} holding the
     * engine's I/O, precision, profile and the ONNX {@code metadata_props}) calls this with what it read.
     * The {@link DetectionSpec} is recovered from the metadata, exactly as for ONNX.
     *
     * @param maxBatch the optimization profile's maximum batch (the fixed batch of a static engine)
     * @throws IllegalArgumentException when the metadata holds a malformed detection spec
     */
    public static ModelDescription ofEngine(Path plan, List<TensorInfo> inputs, List<TensorInfo> outputs,
                                            Precision precision, int maxBatch, Map<String, String> metadata) {
        return new ModelDescription(plan, ModelFormat.TENSORRT_PLAN, inputs, outputs,
                detectionIn(plan, metadata), precision, maxBatch, metadata);
    }

    /** The spec in {@code metadata}, if the model carries one. */
    static Optional<DetectionSpec> detectionIn(Path file, Map<String, String> metadata) {
        if (!DetectionSpec.isPresentIn(metadata)) {
            return Optional.empty();
        }
        try {
            return Optional.of(DetectionSpec.fromMetadata(metadata));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage()
                    + "; re-convert the model with trtpipe so its darknet metadata is complete", e);
        }
    }

    /** The batch dimension is dynamic (symbolic in ONNX, {@code -1} in the engine). */
    public boolean dynamicBatch() {
        return inputs.stream().allMatch(t -> t.shape().length > 0 && t.shape()[0] < 0);
    }

    /**
     * The image input: the model's only input, 4-D NCHW.
     *
     * @throws IllegalArgumentException naming the model when it has several inputs or a non-4-D one
     */
    public TensorInfo imageInput() {
        if (inputs.size() != 1 || inputs.get(0).shape().length != 4) {
            throw new IllegalArgumentException(file + ": expected one NCHW image input, found " + inputs
                    + "; only single-image-input detectors can be exported");
        }
        return inputs.get(0);
    }

    /**
     * The batch size to deploy with.
     *
     * @param requested the user's choice, if any; without one: the engine's maximum, or 1 for an ONNX model
     *                  with a symbolic batch
     * @throws IllegalArgumentException when the model cannot run that batch
     */
    public int batchFor(OptionalInt requested) {
        if (!dynamicBatch()) {
            if (requested.isPresent() && requested.getAsInt() != maxBatch) {
                throw new SettingException(file + " has a fixed batch of " + maxBatch + ", so batch "
                        + requested.getAsInt() + " is impossible; re-export the model with a dynamic batch dimension"
                        + " or pass {MAX_BATCH} " + maxBatch);
            }
            return maxBatch;
        }
        int batch = requested.orElse(maxBatch == UNBOUNDED_BATCH ? 1 : maxBatch);
        if (batch < 1 || batch > maxBatch) {
            throw new SettingException(file + " accepts batches of 1 to " + maxBatch + ", not " + batch
                    + "; pass a {MAX_BATCH} in that range or rebuild the engine with a larger profile");
        }
        return batch;
    }

    /** The output with this name, if any. */
    public Optional<TensorInfo> output(String name) {
        return outputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
