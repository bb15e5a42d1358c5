package dev.trtpipe.samples.compare;

import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.Precision;
import dev.trtpipe.trt.ShapeProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How both engines are built. Both builds share one timing cache: the second build then takes the
 * first one's kernel choices, so identical networks give identical engines instead of two independent
 * tactic searches that may pick different kernels (and round differently).
 *
 * @param optimizationLevel TensorRT's default when empty
 */
record EngineSettings(Precision precision, Optional<Integer> optimizationLevel, Path timingCache) {

    /** onnx2trt's options for a model needing {@code profiles} ({@code -p} values). */
    BuildOptions onnx2trtOptions(List<String> profiles) {
        BuildOptions.Builder b = BuildOptions.builder().precision(precision).timingCache(timingCache)
                .optimizationLevel(optimizationLevel.orElse(null));
        profiles.forEach(p -> b.profile(ShapeProfile.parse(p)));
        return b.build();
    }

    /** tao-converter's options from its command line, plus what compare adds (timing cache, optimization level). */
    BuildOptions withCompareAdditions(BuildOptions taoConverter) {
        return taoConverter.toBuilder().timingCache(timingCache).optimizationLevel(optimizationLevel.orElse(null)).build();
    }

    /** The flags onnx2trt is given. */
    List<String> onnx2trtFlags(List<String> profiles) {
        List<String> flags = new ArrayList<>(precision == Precision.FP32 ? List.of() : List.of("-t", precision.cliName()));
        profiles.forEach(p -> flags.addAll(List.of("-p", p)));
        optimizationLevel.ifPresent(level -> flags.addAll(List.of("--opt-level", level.toString())));
        flags.addAll(List.of("--timing-cache", timingCache.toString()));
        return flags;
    }
}
