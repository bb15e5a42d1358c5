package dev.trtpipe.cli;

import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.BuildReport;
import dev.trtpipe.trt.EngineBuilder;
import dev.trtpipe.trt.Precision;
import dev.trtpipe.trt.ShapeProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * The engine build of {@code onnx2trt}, shared by every command that builds an engine from an ONNX file
 * ({@code onnx2trt}, {@code darknet2trt}): its flags, their parsing into {@link BuildOptions}, and the
 * build with its progress line and summary.
 */
final class EngineBuildStep {

    /** Images per calibration batch: each batch is one input tensor in memory (1024 × 3 × 608 × 608 floats is 4.5 GB). */
    static final int MAX_CALIBRATION_BATCH = 1024;

    private EngineBuildStep() {
    }

    /** {@code -e PLAN}; Commons CLI enforces it when {@code required} (commands that check it themselves pass false). */
    static Option engineOption(boolean required) {
        return Option.builder("e").longOpt("engine").hasArg().argName("PLAN").required(required)
                .desc("the engine file to write (required)").get();
    }

    /** Adds the build flags (everything of onnx2trt but the model and the engine file). */
    static Options addOptions(Options options) {
        return options
                .addOption(Option.builder("t").longOpt("precision").hasArg().argName("fp32|fp16|int8").desc("engine precision (default fp32)").get())
                .addOption(Option.builder().longOpt("calib-images").hasArg().argName("DIR").desc("images for INT8 calibration").get())
                .addOption(Option.builder().longOpt("calib-cache").hasArg().argName("FILE")
                        .desc("INT8 calibration cache: read if it exists, written after calibrating").get())
                .addOption(Option.builder().longOpt("calib-batch").hasArg().argName("N").desc("images per calibration batch, 1..1024 (default 8)").get())
                .addOption(Option.builder().longOpt("calib-batches").hasArg().argName("N").desc("at most N calibration batches, 1..1000000 (default: all images)").get())
                .addOption(Option.builder().longOpt("no-fp16-fallback").desc("with -t int8, do not allow FP16 kernels").get())
                .addOption(Option.builder("w").longOpt("workspace").hasArg().argName("BYTES").desc("workspace limit, e.g. 1073741824 or 1G (default 1G)").get())
                .addOption(Option.builder("p").longOpt("profile").hasArg().argName("name,min,opt,max")
                        .desc("optimization profile of a dynamic input, shapes like 1x3x416x416; repeat per input").get())
                .addOption(Option.builder().longOpt("batch").hasArg().argName("min:opt:max").desc("batch range for batch-dynamic inputs").get())
                .addOption(Option.builder().longOpt("timing-cache").hasArg().argName("FILE").desc("timing cache: loaded if it exists, saved after the build").get())
                .addOption(Option.builder().longOpt("dla").hasArg().argName("N").desc("build for DLA core N (0..15), with GPU fallback").get())
                .addOption(Option.builder().longOpt("opt-level").hasArg().argName("0-5").desc("builder optimization level (default 3)").get())
                .addOption(Option.builder().longOpt("strict-types").desc("obey precision constraints even where slower").get())
                .addOption(Option.builder().longOpt("plugin").hasArg().argName("LIB").desc("plugin library to load; repeatable").get());
    }

    /** The build flags of {@code line} as {@link BuildOptions}; a bad value is a usage error. */
    static BuildOptions options(CommandLine line) throws UsageException {
        BuildOptions.Builder b = BuildOptions.builder();
        try {
            if (line.hasOption("precision")) {
                b.precision(Precision.parse(line.getOptionValue("precision")));
            }
            if (line.hasOption("calib-images")) {
                b.calibrationImages(Path.of(line.getOptionValue("calib-images")));
            }
            if (line.hasOption("calib-cache")) {
                b.calibrationCache(Path.of(line.getOptionValue("calib-cache")));
            }
            if (line.hasOption("calib-batch")) {
                b.calibrationBatchSize(CommonOptions.intValue(line, "calib-batch", 8, 1, MAX_CALIBRATION_BATCH));
            }
            if (line.hasOption("calib-batches")) {
                b.maxCalibrationBatches(CommonOptions.intValue(line, "calib-batches", 1, 1, 1_000_000));
            }
            b.int8Fp16Fallback(!line.hasOption("no-fp16-fallback"));
            if (line.hasOption("workspace")) {
                b.workspaceBytes(bytes(line.getOptionValue("workspace")));
            }
            for (String p : line.getOptionValues("profile") == null ? new String[0] : line.getOptionValues("profile")) {
                b.profile(ShapeProfile.parse(p));
            }
            if (line.hasOption("batch")) {
                b.batchRange(BuildOptions.BatchRange.parse(line.getOptionValue("batch")));
            }
            if (line.hasOption("timing-cache")) {
                b.timingCache(Path.of(line.getOptionValue("timing-cache")));
            }
            if (line.hasOption("dla")) {
                b.dlaCore(CommonOptions.intValue(line, "dla", 0, 0, 15));
            }
            if (line.hasOption("opt-level")) {
                b.optimizationLevel(CommonOptions.intValue(line, "opt-level", 3, 0, 5));
            }
            b.strictTypes(line.hasOption("strict-types"));
            for (String lib : line.getOptionValues("plugin") == null ? new String[0] : line.getOptionValues("plugin")) {
                b.pluginLibrary(Path.of(lib));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Builds {@code plan} from {@code onnx}, showing progress on stderr, and prints what was written. */
    static BuildReport run(Path onnx, Path plan, BuildOptions options, Console console) throws IOException {
        return EngineBuildRun.run(console, builder -> builder.build(onnx, plan, options));
    }

    /** {@code 1073741824}, {@code 512M}, {@code 2G}. */
    static long bytes(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = t.endsWith("K") ? 1L << 10 : t.endsWith("M") ? 1L << 20 : t.endsWith("G") ? 1L << 30 : 1;
        try {
            return Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("workspace '" + text + "' is not a size like 1073741824, 512M or 1G");
        }
    }
}
