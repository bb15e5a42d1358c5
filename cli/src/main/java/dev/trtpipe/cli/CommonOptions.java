package dev.trtpipe.cli;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.trt.Precision;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/** Options and value parsing shared by the darknet commands. */
final class CommonOptions {

    private CommonOptions() {
    }

    /**
     * A required file option. Checked here rather than by Commons CLI, whose required options would make
     * {@code --help} fail when they are missing.
     */
    static Path requiredPath(CommandLine line, String option) throws UsageException {
        String value = line.getOptionValue(option);
        if (value == null || value.isBlank()) {
            throw new UsageException("missing --" + option + "; run with --help for the options");
        }
        return Path.of(value);
    }

    static Option memoryLimit() {
        return Option.builder().longOpt("memory-limit").hasArg().argName("MiB")
                .desc("refuse cfgs whose weights and layer outputs need more (default "
                        + (DarknetModel.DEFAULT_MEMORY_LIMIT_BYTES >> 20) + ")").get();
    }

    static long memoryLimitBytes(CommandLine line) throws UsageException {
        return (long) intValue(line, "memory-limit", (int) (DarknetModel.DEFAULT_MEMORY_LIMIT_BYTES >> 20), 1, Integer.MAX_VALUE) << 20;
    }

    static int intValue(CommandLine line, String option, int defaultValue, int min, int max) throws UsageException {
        String text = line.getOptionValue(option);
        if (text == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option + " must be an integer in " + min + ".." + max + ", got '" + text + "'");
        }
    }

    /** {@code -t/--precision}, fp32 when absent. */
    static Precision precision(CommandLine line) throws UsageException {
        try {
            return line.hasOption("precision") ? Precision.parse(line.getOptionValue("precision")) : Precision.FP32;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** {@code --opt-level}, empty for TensorRT's default. */
    static Optional<Integer> optimizationLevel(CommandLine line) throws UsageException {
        return line.hasOption("opt-level") ? Optional.of(intValue(line, "opt-level", 3, 0, 5)) : Optional.empty();
    }

    static String size(long bytes) {
        if (bytes < 1 << 20) {
            return String.format("%.1f KB", bytes / 1024.0);
        }
        return String.format("%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
