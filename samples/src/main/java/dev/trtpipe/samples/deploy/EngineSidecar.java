package dev.trtpipe.samples.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the model description of a TensorRT plan comes from: the JSON sidecar {@code <plan>.json} that
 * trtpipe writes next to every engine it builds (engine I/O names, shapes and types, precision, profile,
 * and the ONNX {@code metadata_props}).
 *
 * <p>The sidecar format belongs to the engine builder, which is not part of this build yet; until it is,
 * {@link #read} reports clearly instead of guessing a format. The builder's reader should parse the JSON
 * and hand the values to {@link ModelDescription#ofEngine}.
 */
public final class EngineSidecar {

    private EngineSidecar() {
    }

    /** The sidecar's path for {@code plan}: the plan's file name with {@code .json} appended. */
    public static Path pathFor(Path plan) {
        return plan.resolveSibling(plan.getFileName() + ".json");
    }

    /**
     * @throws IllegalArgumentException always, today: naming the missing sidecar, or saying that reading
     *                                  sidecars needs the engine builder
     */
    public static ModelDescription read(Path plan) {
        if (!Files.isRegularFile(plan)) {
            throw new IllegalArgumentException("no such engine: " + plan);
        }
        Path sidecar = pathFor(plan);
        if (!Files.isRegularFile(sidecar)) {
            throw new IllegalArgumentException(plan + ": its sidecar " + sidecar.getFileName()
                    + " is missing, so the engine's inputs, outputs and precision are unknown; rebuild the engine with"
                    + " trtpipe (its engine builder writes the sidecar) or export from the ONNX with --onnx");
        }
        throw new IllegalArgumentException(sidecar + ": reading engine sidecars needs the engine builder, which this"
                + " build of trtpipe does not include yet; export from the ONNX with --onnx");
    }
}
