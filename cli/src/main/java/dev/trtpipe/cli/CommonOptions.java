package dev.trtpipe.cli;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.trt.Precision;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/** Options defined once and taken by several commands, with their value types. */
final class CommonOptions {

    /** {@code -t/--precision}: the library's parser words the message ("unknown precision 'x': use fp32, fp16 or int8"). */
    static final ValueType<Precision> PRECISION = Values.parsedBy(Precision::parse);

    private CommonOptions() {
    }

    /**
     * A required file option. Checked here rather than by Commons CLI, whose required options would make
     * {@code --help} fail when they are missing.
     */
    static Path requiredPath(CommandLine line, String option) throws UsageException {
        Optional<Path> value = Values.get(line, option);
        if (value.isEmpty() || value.get().toString().isBlank()) {
            throw new UsageException("missing --" + option + "; run with --help for the options");
        }
        return value.get();
    }

    /** A file or directory option ({@code --long-name ARG}). */
    static Option path(String longName, String argName, String description) {
        return Option.builder().longOpt(longName).hasArg().argName(argName).desc(description).converter(Values.PATH).get();
    }

    /** An option taking a value of {@code type}. */
    static Option value(String longName, String argName, ValueType<?> type, String description) {
        return Option.builder().longOpt(longName).hasArg().argName(argName).desc(description).converter(type).get();
    }

    /**
     * {@code --option} as an integer in {@code min..max}, {@code defaultValue} when absent. For an option declared
     * without a type; an option declared with {@code Values.intIn} reads as {@code Values.get(line, option, default)}.
     */
    static int intValue(CommandLine line, String option, int defaultValue, int min, int max) throws UsageException {
        String text = line.getOptionValue(option);
        return text == null ? defaultValue : Values.intIn(min, max).convert("--" + option, text);
    }

    static Option memoryLimit() {
        return value("memory-limit", "MiB", Values.intIn(1, Integer.MAX_VALUE), "refuse cfgs whose weights and layer outputs need more"
                + " (default " + (DarknetModel.DEFAULT_MEMORY_LIMIT_BYTES >> 20) + ")");
    }

    static long memoryLimitBytes(CommandLine line) throws UsageException {
        return (long) Values.get(line, "memory-limit", (int) (DarknetModel.DEFAULT_MEMORY_LIMIT_BYTES >> 20)) << 20;
    }

    /** {@code -t/--precision}; {@code choices} lists what this command builds. */
    static Option precisionOption(String choices) {
        return Option.builder("t").longOpt("precision").hasArg().argName(choices).desc("engine precision (default fp32)")
                .converter(PRECISION).get();
    }

    /** {@code --opt-level}: faster builds for checks. */
    static Option optLevelOption() {
        return value("opt-level", "0-5", Values.intIn(0, 5), "TensorRT builder optimization level (default 3)");
    }

    /** {@code --timing-cache}: repeated builds reuse their kernel timings. */
    static Option timingCacheOption() {
        return path("timing-cache", "FILE", "timing cache: loaded if it exists, saved after the build");
    }

    /** {@code -t/--precision}, fp32 when absent. */
    static Precision precision(CommandLine line) throws UsageException {
        return Values.get(line, "precision", Precision.FP32);
    }

    /** {@code --opt-level}, empty for TensorRT's default. */
    static Optional<Integer> optimizationLevel(CommandLine line) throws UsageException {
        return Values.get(line, "opt-level");
    }

    static String size(long bytes) {
        if (bytes < 1 << 20) {
            return String.format("%.1f KB", bytes / 1024.0);
        }
        return String.format("%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
