package dev.trtpipe.etlt;

import dev.trtpipe.trt.Precision;
import dev.trtpipe.trt.ShapeProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A tao-converter command line, flag for flag (docs/peers.md §4.1), with tao-converter's defaults.
 * Flags whose values matter only when given ({@code -d -o -i -c -b -m -u}) stay empty when absent, so
 * {@link TaoBuildPlan} can warn about exactly the flags a user typed that do not apply.
 *
 * @param model             the positional {@code input_file}
 * @param key               {@code -k}, literal or {@code env:NAME} / {@code file:PATH}
 * @param inputDims         {@code -d C,H,W}
 * @param outputNodes       {@code -o} output names
 * @param engine            {@code -e}, default {@code saved.engine}
 * @param precision         {@code -t}, default fp32
 * @param workspaceBytes    {@code -w}, default 1 &lt;&lt; 30
 * @param inputOrder        {@code -i}, nchw when absent
 * @param profiles          {@code -p name,min,opt,max}, repeatable
 * @param strictTypes       {@code -s}
 * @param dlaCore           {@code -u}
 * @param calibrationCache  {@code -c}, {@code cal.bin} when absent
 * @param calibrationBatch  {@code -b}, 8 when absent
 * @param maxBatch          {@code -m}, 16 when absent
 */
public record TaoConverterArgs(Path model, String key, Optional<List<Long>> inputDims, List<String> outputNodes, Path engine,
                               Precision precision, long workspaceBytes, Optional<InputOrder> inputOrder,
                               List<ShapeProfile> profiles, boolean strictTypes, Optional<Integer> dlaCore,
                               Optional<Path> calibrationCache, OptionalInt calibrationBatch, OptionalInt maxBatch) {

    public static final Path DEFAULT_ENGINE = Path.of("saved.engine");
    public static final Path DEFAULT_CALIBRATION_CACHE = Path.of("cal.bin");
    public static final int DEFAULT_CALIBRATION_BATCH = 8;
    public static final int DEFAULT_MAX_BATCH = 16;
    public static final long DEFAULT_WORKSPACE = 1L << 30;

    /** The flag letters tao-converter takes a value for, and the ones it takes alone ({@code -h} is the dispatcher's). */
    public static final String FLAGS_WITH_VALUE = "kdoetwipucbm";
    public static final String SWITCHES = "s";

    public TaoConverterArgs {
        inputDims = inputDims.map(List::copyOf);
        outputNodes = List.copyOf(outputNodes);
        profiles = List.copyOf(profiles);
    }

    /**
     * Builds the arguments from parsed flags: letter → values in command-line order ({@code ""} for a
     * switch), and the positional arguments.
     *
     * @throws IllegalArgumentException naming the flag and what it expects
     */
    public static TaoConverterArgs parse(Map<Character, List<String>> flags, List<String> positional) {
        for (char flag : flags.keySet()) {
            if (FLAGS_WITH_VALUE.indexOf(flag) < 0 && SWITCHES.indexOf(flag) < 0) {
                throw new IllegalArgumentException("-" + flag + " is not a tao-converter flag");
            }
        }
        if (positional.size() != 1) {
            throw new IllegalArgumentException(positional.isEmpty() ? "missing input_file: the .etlt to convert"
                    : "expected one input_file, got " + positional.size() + ": " + String.join(" ", positional));
        }
        Flags f = new Flags(flags);
        String key = f.last('k').orElseThrow(() -> new IllegalArgumentException("missing -k <key>: the key the model was exported with; "
                + EtltKey.NGC_KEYS_HINT));
        return new TaoConverterArgs(
                Path.of(positional.get(0)),
                key,
                f.last('d').map(TaoConverterArgs::parseDims),
                f.last('o').map(o -> Arrays.stream(o.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()).orElse(List.of()),
                f.last('e').map(Path::of).orElse(DEFAULT_ENGINE),
                f.last('t').map(TaoConverterArgs::parsePrecision).orElse(Precision.FP32),
                f.last('w').map(TaoConverterArgs::parseWorkspace).orElse(DEFAULT_WORKSPACE),
                f.last('i').map(InputOrder::parse),
                f.all('p').stream().map(TaoConverterArgs::parseProfile).toList(),
                flags.containsKey('s'),
                f.last('u').map(u -> positiveInt('u', u, 0)),
                f.last('c').map(Path::of),
                f.last('b').map(b -> OptionalInt.of(positiveInt('b', b, 1))).orElse(OptionalInt.empty()),
                f.last('m').map(m -> OptionalInt.of(positiveInt('m', m, 1))).orElse(OptionalInt.empty()));
    }

    public int maxBatchOrDefault() {
        return maxBatch.orElse(DEFAULT_MAX_BATCH);
    }

    public Path calibrationCacheOrDefault() {
        return calibrationCache.orElse(DEFAULT_CALIBRATION_CACHE);
    }

    public int calibrationBatchOrDefault() {
        return calibrationBatch.orElse(DEFAULT_CALIBRATION_BATCH);
    }

    private static List<Long> parseDims(String text) {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                long d = Long.parseLong(part.strip());
                if (d < 1) {
                    throw new NumberFormatException();
                }
                dims.add(d);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-d: '" + text + "' is not a list of positive dimensions like 3,544,960");
            }
        }
        return dims;
    }

    private static Precision parsePrecision(String text) {
        try {
            return Precision.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-t: " + e.getMessage());
        }
    }

    private static long parseWorkspace(String text) {
        try {
            long bytes = Long.parseLong(text.strip());
            if (bytes > 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-w: '" + text + "' is not a workspace size in bytes, e.g. -w 1073741824 for 1 GiB");
    }

    private static ShapeProfile parseProfile(String text) {
        try {
            return ShapeProfile.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-p: " + e.getMessage());
        }
    }

    private static int positiveInt(char flag, String text, int minimum) {
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= minimum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-" + flag + ": '" + text + "' must be an integer >= " + minimum);
    }

    /** Flag lookup: a repeated flag keeps its last value (the getopt convention), except {@code -p}, which accumulates. */
    private record Flags(Map<Character, List<String>> values) {
        Optional<String> last(char flag) {
            List<String> v = values.getOrDefault(flag, List.of());
            return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
        }

        List<String> all(char flag) {
            return values.getOrDefault(flag, List.of());
        }
    }
}
