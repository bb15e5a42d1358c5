package dev.trtpipe.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/**
 * The command line's value converters, one set for every command: each option that takes a value declares
 * its {@link ValueType} here ({@code Option.builder()…converter(Values.intIn(1, 64))}), the dispatcher checks
 * every given value with it before the command runs ({@link #checkAll}), and commands read typed values
 * back through {@link #get}. A malformed value therefore always exits 2 with one line.
 */
final class Values {

    /** Free text (a key, a name): any value. */
    static final ValueType<String> TEXT = new ValueType<>("", s -> s, ValueType.Wording.REQUIREMENT, ValueType.Kind.TEXT);

    /** A file or directory; only a NUL character makes a path malformed. */
    static final ValueType<Path> PATH = new ValueType<>("must be a file path", Path::of, ValueType.Wording.REQUIREMENT,
            ValueType.Kind.PATH);

    /** {@code 1073741824}, {@code 512M}, {@code 2G}, {@code 64K}. */
    static final ValueType<Long> BYTES = requirement("must be a size like 1073741824, 512M or 1G", Values::bytes);

    private Values() {
    }

    /** An integer in {@code min..max}. */
    static ValueType<Integer> intIn(int min, int max) {
        return requirement("must be an integer in " + min + ".." + max, text -> {
            int value = Integer.parseInt(text.trim());
            return value >= min && value <= max ? value : null;
        });
    }

    /** A long integer in {@code min..max}. */
    static ValueType<Long> longIn(long min, long max) {
        return requirement("must be an integer in " + min + ".." + max, text -> {
            long value = Long.parseLong(text.trim());
            return value >= min && value <= max ? value : null;
        });
    }

    /** A number in an interval such as {@code [0, 1)}: {@code lowClosed} and {@code highClosed} say whether the ends belong. */
    static ValueType<Float> floatIn(float low, boolean lowClosed, float high, boolean highClosed) {
        return requirement("must be a number in " + interval(low, lowClosed, high, highClosed), text -> {
            float f = Float.parseFloat(text.trim());
            return within(f, low, lowClosed, high, highClosed) ? f : null;
        });
    }

    /** As {@link #floatIn}, in double precision. */
    static ValueType<Double> doubleIn(double low, boolean lowClosed, double high, boolean highClosed) {
        return requirement("must be a number in " + interval(low, lowClosed, high, highClosed), text -> {
            double d = Double.parseDouble(text.trim());
            return within(d, low, lowClosed, high, highClosed) ? d : null;
        });
    }

    /** One of {@code choices} (keys compared in lower case); {@code requirement} words the list ("must be a or b"). */
    static <T> ValueType<T> choice(String requirement, Map<String, T> choices) {
        return requirement(requirement, text -> choices.get(text.trim().toLowerCase(Locale.ROOT)));
    }

    /** A value whose malformed text {@code parser} rejects; {@code requirement} is the "must be …" words of the message. */
    static <T> ValueType<T> requirement(String requirement, Function<String, T> parser) {
        return new ValueType<>(requirement, parser::apply, ValueType.Wording.REQUIREMENT, ValueType.Kind.STRUCTURED);
    }

    /** A value parsed by a library whose exception message already names the value and what it must be. */
    static <T> ValueType<T> parsedBy(ValueType.Parser<T> parser) {
        return new ValueType<>("", parser, ValueType.Wording.PARSER_MESSAGE, ValueType.Kind.STRUCTURED);
    }

    /**
     * Checks every value on {@code line} with its option's type: the dispatcher's step between parsing and
     * running, so that no command sees a malformed value.
     *
     * @throws UsageException naming the first malformed value
     */
    static void checkAll(CommandLine line) throws UsageException {
        for (Option option : line.getOptions()) {
            if (option.getConverter() instanceof ValueType<?> type) {
                for (String value : option.getValuesList()) {
                    type.convert(option, value);
                }
            }
        }
    }

    /** The typed value of {@code option} (long name, else letter), empty when it is not given; the last one if repeated. */
    static <T> Optional<T> get(CommandLine line, String option) throws UsageException {
        List<T> values = all(line, option);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** The typed value of {@code option}, or {@code fallback} when it is not given. */
    static <T> T get(CommandLine line, String option, T fallback) throws UsageException {
        return Values.<T>get(line, option).orElse(fallback);
    }

    /** Every typed value of a repeatable {@code option}, in command-line order. */
    static <T> List<T> all(CommandLine line, String option) throws UsageException {
        List<T> values = new ArrayList<>();
        for (Option given : line.getOptions()) {
            if (option.equals(OutputGuard.key(given))) {
                ValueType<T> type = typeOf(given);
                for (String text : given.getValuesList()) {
                    values.add(type.convert(given, text));
                }
            }
        }
        return values;
    }

    @SuppressWarnings("unchecked") // the option's declaration fixes its type; a mismatch is a bug the tests catch
    private static <T> ValueType<T> typeOf(Option option) {
        if (!(option.getConverter() instanceof ValueType<?> type)) {
            throw new IllegalStateException(ValueType.displayName(option) + " declares no value type (Values.*)");
        }
        return (ValueType<T>) type;
    }

    private static Long bytes(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = t.endsWith("K") ? 1L << 10 : t.endsWith("M") ? 1L << 20 : t.endsWith("G") ? 1L << 30 : 1;
        long value = Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1));
        return value > 0 && value <= Long.MAX_VALUE / unit ? value * unit : null;
    }

    private static boolean within(double v, double low, boolean lowClosed, double high, boolean highClosed) {
        return (lowClosed ? v >= low : v > low) && (highClosed ? v <= high : v < high);
    }

    private static String interval(double low, boolean lowClosed, double high, boolean highClosed) {
        return (lowClosed ? "[" : "(") + number(low) + ", " + number(high) + (highClosed ? "]" : ")");
    }

    /** {@code 1} rather than {@code 1.0}, as the messages have always read. */
    private static String number(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
