package dev.trtpipe.trt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How an engine was built, recorded in its sidecar so that it can be rebuilt when it no longer matches
 * the host ({@code detect --rebuild}): the ONNX file (absolute) and the build options spelled as
 * {@code onnx2trt} flags, which the command line parses back into the same {@link BuildOptions}.
 *
 * @param onnx      the ONNX model the engine was built from
 * @param arguments {@code onnx2trt} flags other than {@code -m} and {@code -e}
 */
public record BuildRecipe(String onnx, List<String> arguments) {

    public BuildRecipe {
        Objects.requireNonNull(onnx, "onnx");
        arguments = List.copyOf(arguments);
    }

    /** The recipe of a build of {@code onnx} with {@code options}; paths are made absolute, so any working directory can rebuild. */
    public static BuildRecipe of(Path onnx, BuildOptions options) {
        return new BuildRecipe(onnx.toAbsolutePath().normalize().toString(), arguments(options));
    }

    /** {@code options} as {@code onnx2trt} flags; every option is written, defaults included, so the recipe does not depend on them. */
    static List<String> arguments(BuildOptions o) {
        List<String> a = new ArrayList<>(List.of("--precision", o.precision().cliName(), "--workspace", Long.toString(o.workspaceBytes())));
        o.profiles().forEach(p -> a.addAll(List.of("--profile", p.toString())));
        o.batchRange().ifPresent(b -> a.addAll(List.of("--batch", b.min() + ":" + b.opt() + ":" + b.max())));
        o.calibrationImages().ifPresent(p -> a.addAll(List.of("--calib-images", absolute(p))));
        o.calibrationCache().ifPresent(p -> a.addAll(List.of("--calib-cache", absolute(p))));
        a.addAll(List.of("--calib-batch", Integer.toString(o.calibrationBatchSize())));
        if (o.maxCalibrationBatches() > 0) {
            a.addAll(List.of("--calib-batches", Integer.toString(o.maxCalibrationBatches())));
        }
        if (!o.int8Fp16Fallback()) {
            a.add("--no-fp16-fallback");
        }
        o.timingCache().ifPresent(p -> a.addAll(List.of("--timing-cache", absolute(p))));
        o.dlaCore().ifPresent(d -> a.addAll(List.of("--dla", d.toString())));
        o.optimizationLevel().ifPresent(l -> a.addAll(List.of("--opt-level", l.toString())));
        if (o.strictTypes()) {
            a.add("--strict-types");
        }
        o.pluginLibraries().forEach(p -> a.addAll(List.of("--plugin", absolute(p))));
        return a;
    }

    private static String absolute(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }
}
