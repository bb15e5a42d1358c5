package dev.trtpipe.cli;

import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.Precision;
import dev.trtpipe.trt.ShapeProfile;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The engine build flags ({@code -t --calib-* -w -p --batch --timing-cache --dla --opt-level --strict-types
 * --plugin}), defined once for every command that builds from an ONNX file ({@code onnx2trt}, {@code darknet2trt},
 * and {@code detect --rebuild}'s recorded recipe) and parsed once into trt-builder's {@link BuildOptions}.
 */
final class BuildFlags {

    /** Images per calibration batch: each batch is one input tensor in memory (1024 × 3 × 608 × 608 floats is 4.5 GB). */
    static final int MAX_CALIBRATION_BATCH = 1024;

    private BuildFlags() {
    }

    /** Adds the build flags (everything of onnx2trt but the model and the engine file). */
    static Options addTo(Options options) {
        return options
                .addOption(CommonOptions.precisionOption("fp32|fp16|int8"))
                .addOption(CommonOptions.path("calib-images", "DIR", "images for INT8 calibration"))
                .addOption(CommonOptions.path("calib-cache", "FILE", "INT8 calibration cache: read if it exists, written after calibrating"))
                .addOption(CommonOptions.value("calib-batch", "N", Values.intIn(1, MAX_CALIBRATION_BATCH),
                        "images per calibration batch, 1..1024 (default 8)"))
                .addOption(CommonOptions.value("calib-batches", "N", Values.intIn(1, 1_000_000),
                        "at most N calibration batches, 1..1000000 (default: all images)"))
                .addOption(Option.builder().longOpt("no-fp16-fallback").desc("with -t int8, do not allow FP16 kernels").get())
                .addOption(Option.builder("w").longOpt("workspace").hasArg().argName("BYTES").converter(Values.BYTES)
                        .desc("workspace limit, e.g. 1073741824 or 1G (default 1G)").get())
                .addOption(Option.builder("p").longOpt("profile").hasArg().argName("name,min,opt,max").converter(PROFILE)
                        .desc("optimization profile of a dynamic input, shapes like 1x3x416x416; repeat per input").get())
                .addOption(CommonOptions.value("batch", "min:opt:max", BATCH_RANGE, "batch range for batch-dynamic inputs"))
                .addOption(CommonOptions.timingCacheOption())
                .addOption(CommonOptions.value("dla", "N", Values.intIn(0, 15), "build for DLA core N (0..15), with GPU fallback"))
                .addOption(CommonOptions.optLevelOption())
                .addOption(Option.builder().longOpt("strict-types").desc("obey precision constraints even where slower").get())
                .addOption(CommonOptions.path("plugin", "LIB", "plugin library to load; repeatable"));
    }

    /** {@code name,min,opt,max}; trt-builder's parser words the message. */
    static final ValueType<ShapeProfile> PROFILE = Values.parsedBy(ShapeProfile::parse);
    /** {@code min:opt:max}. */
    static final ValueType<BuildOptions.BatchRange> BATCH_RANGE = Values.parsedBy(BuildOptions.BatchRange::parse);

    /** The build flags of {@code line} as {@link BuildOptions}, read once; flags that do not fit together are a usage error. */
    static BuildOptions parse(CommandLine line) throws UsageException {
        BuildOptions.Builder b = BuildOptions.builder();
        Values.<Precision>get(line, "precision").ifPresent(b::precision);
        Values.<Path>get(line, "calib-images").ifPresent(b::calibrationImages);
        Values.<Path>get(line, "calib-cache").ifPresent(b::calibrationCache);
        Values.<Integer>get(line, "calib-batch").ifPresent(b::calibrationBatchSize);
        Values.<Integer>get(line, "calib-batches").ifPresent(b::maxCalibrationBatches);
        b.int8Fp16Fallback(!line.hasOption("no-fp16-fallback"));
        Values.<Long>get(line, "workspace").ifPresent(b::workspaceBytes);
        Values.<ShapeProfile>all(line, "profile").forEach(b::profile);
        Values.<BuildOptions.BatchRange>get(line, "batch").ifPresent(b::batchRange);
        Values.<Path>get(line, "timing-cache").ifPresent(b::timingCache);
        Values.<Integer>get(line, "dla").ifPresent(b::dlaCore);
        Values.<Integer>get(line, "opt-level").ifPresent(b::optimizationLevel);
        b.strictTypes(line.hasOption("strict-types"));
        Values.<Path>all(line, "plugin").forEach(b::pluginLibrary);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
