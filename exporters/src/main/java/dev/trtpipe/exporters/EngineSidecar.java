package dev.trtpipe.exporters;

import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.trt.EngineMetadata;
import dev.trtpipe.trt.Precision;
import dev.trtpipe.trt.ShapeProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The model description of a TensorRT plan, from the sidecar {@code <plan>.json} that trt-builder's
 * engine builder writes beside every engine ({@link EngineMetadata}: I/O, precision, profiles and the ONNX
 * {@code metadata_props}). One format, read by trt-builder's reader; this class only maps it.
 */
public final class EngineSidecar {

    private EngineSidecar() {
    }

    /**
     * @throws IllegalArgumentException naming the plan or its sidecar: no plan, no or malformed sidecar,
     *                                  a dynamic batch without a profile
     * @throws IOException              when the sidecar cannot be read
     */
    public static ModelDescription read(Path plan) throws IOException {
        if (!Files.isRegularFile(plan)) {
            throw new IllegalArgumentException("no such engine: " + plan);
        }
        EngineMetadata sidecar = EngineMetadata.readFor(plan).orElseThrow(() -> new SettingException(plan
                + ": its sidecar " + EngineMetadata.sidecarOf(plan).getFileName() + " is missing, so the engine's inputs,"
                + " outputs and precision are unknown; rebuild the engine with trtpipe (its engine builder writes the sidecar)"
                + " or export from the ONNX with {SOURCE_ONNX}"));
        Path file = EngineMetadata.sidecarOf(plan);
        List<TensorInfo> inputs = sidecar.inputs().stream().map(EngineMetadata.Tensor::toTensorInfo).toList();
        List<TensorInfo> outputs = sidecar.outputs().stream().map(EngineMetadata.Tensor::toTensorInfo).toList();
        Precision precision;
        try {
            precision = Precision.parse(sidecar.precision());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage() + "; rebuild the engine with trtpipe", e);
        }
        return ModelDescription.ofEngine(plan, inputs, outputs, precision, maxBatch(file, inputs, sidecar.profiles()),
                sidecar.modelMetadata());
    }

    /** The fixed batch of a static engine, or the largest batch the first input's profile allows. */
    private static int maxBatch(Path file, List<TensorInfo> inputs, List<String> profiles) {
        if (inputs.isEmpty() || inputs.get(0).shape().length == 0) {
            throw new IllegalArgumentException(file + ": lists no batched input; rebuild the engine with trtpipe");
        }
        TensorInfo input = inputs.get(0);
        long batch = input.shape()[0];
        if (batch > 0) {
            return Math.toIntExact(batch);
        }
        for (String text : profiles) {
            ShapeProfile profile;
            try {
                profile = ShapeProfile.parse(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage() + "; rebuild the engine with trtpipe", e);
            }
            if (profile.inputName().equals(input.name())) {
                return Math.toIntExact(profile.max()[0]);
            }
        }
        throw new IllegalArgumentException(file + ": input " + input + " has a dynamic batch but the sidecar lists no"
                + " optimization profile for it; rebuild the engine with trtpipe onnx2trt");
    }
}
