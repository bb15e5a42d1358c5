package dev.trtpipe.trt;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.darknet.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON sidecar written beside every engine ({@code <plan>.json}): where the engine came from and
 * what it was built for, plus the ONNX model's {@code metadata_props} (the darknet {@code DetectionSpec}
 * keys), so {@code detect --model x.plan} needs no other argument and a plan from another TensorRT or
 * GPU is reported plainly before TensorRT tries to load it.
 *
 * @param format           {@link #FORMAT}
 * @param sourceOnnx       the ONNX file name
 * @param sourceOnnxSha256 hex SHA-256 of the ONNX bytes
 * @param precision        fp32, fp16 or int8
 * @param tensorRtVersion  the TensorRT that built the plan, e.g. {@code 10.6.0}
 * @param gpuName          the GPU it was built on
 * @param inputs           model inputs (-1 for dynamic dimensions)
 * @param outputs          model outputs
 * @param profiles         optimization profiles in {@code -p} spelling
 * @param buildSeconds     wall time of the build
 * @param modelMetadata    the ONNX {@code metadata_props}, copied
 * @param computeCapability the GPU's compute capability, e.g. {@code 9.0}; empty in sidecars of older trtpipe
 * @param recipe           how to build it again (the ONNX file and the flags); null in sidecars of older trtpipe
 *                         and for engines built from bytes in memory
 */
public record EngineMetadata(String format, String sourceOnnx, String sourceOnnxSha256, String precision,
                             String tensorRtVersion, String gpuName, List<Tensor> inputs, List<Tensor> outputs,
                             List<String> profiles, double buildSeconds, Map<String, String> modelMetadata,
                             String computeCapability, BuildRecipe recipe) {

    public static final String FORMAT = "trtpipe-engine/1";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A tensor's name, shape (-1: dynamic) and ONNX element type. */
    public record Tensor(String name, long[] shape, String dataType) {
        public Tensor {
            shape = shape.clone();
        }

        static Tensor of(TensorInfo t) {
            return new Tensor(t.name(), t.shape(), t.dataType());
        }

        public TensorInfo toTensorInfo() {
            return new TensorInfo(name, shape, dataType);
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tensor t && name.equals(t.name) && Arrays.equals(shape, t.shape) && dataType.equals(t.dataType);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(shape);
        }
    }

    public EngineMetadata {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        profiles = List.copyOf(profiles);
        modelMetadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(modelMetadata));
        computeCapability = computeCapability == null ? "" : computeCapability;
    }

    /** A sidecar without compute capability and recipe (as older trtpipe wrote them). */
    public EngineMetadata(String format, String sourceOnnx, String sourceOnnxSha256, String precision, String tensorRtVersion,
                          String gpuName, List<Tensor> inputs, List<Tensor> outputs, List<String> profiles, double buildSeconds,
                          Map<String, String> modelMetadata) {
        this(format, sourceOnnx, sourceOnnxSha256, precision, tensorRtVersion, gpuName, inputs, outputs, profiles, buildSeconds,
                modelMetadata, "", null);
    }

    /** How to build the engine again, when the sidecar says. */
    public Optional<BuildRecipe> buildRecipe() {
        return Optional.ofNullable(recipe);
    }

    /** {@code model.plan} → {@code model.plan.json}. */
    public static Path sidecarOf(Path plan) {
        return plan.resolveSibling(plan.getFileName() + ".json");
    }

    /** Writes the sidecar of {@code plan} atomically. */
    public void writeFor(Path plan) throws IOException {
        AtomicFile.write(sidecarOf(plan), toJson());
    }

    /** The sidecar's content. */
    public byte[] toJson() throws IOException {
        return JSON.writeValueAsBytes(this);
    }

    /** The sidecar of {@code plan}, if there is one; a malformed one is an error naming the line. */
    public static Optional<EngineMetadata> readFor(Path plan) throws IOException {
        Path file = sidecarOf(plan);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            EngineMetadata m = JSON.readValue(file.toFile(), EngineMetadata.class);
            if (!FORMAT.equals(m.format())) {
                throw new IllegalArgumentException(file + ": not a trtpipe engine sidecar (format '" + m.format() + "', expected '"
                        + FORMAT + "'); delete it or rebuild the engine with trtpipe onnx2trt");
            }
            return Optional.of(m);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException(file + (at != null ? ":" + at.getLineNr() + ":" + at.getColumnNr() : "")
                    + ": malformed engine sidecar (" + e.getOriginalMessage() + "); delete it or rebuild the engine with trtpipe onnx2trt");
        }
    }
}
