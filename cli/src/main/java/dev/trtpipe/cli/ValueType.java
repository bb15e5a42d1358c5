package dev.trtpipe.cli;

import dev.trtpipe.detect.SettingFact;
import org.apache.commons.cli.Converter;
import org.apache.commons.cli.Option;

/**
 * What an option's value must look like and how its text becomes a typed value. Every option that takes a
 * value carries one as its Commons CLI converter ({@link Values} makes them), so the dispatcher checks every
 * value before a command runs: a malformed one is a usage error (exit 2) of one line naming the option,
 * the value and what is expected.
 *
 * @param <T> the typed value
 */
final class ValueType<T> implements Converter<T, IllegalArgumentException> {

    /** Turns the text into the value; throws {@link IllegalArgumentException} when the text is malformed. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text);
    }

    /** How the one-line message reads. */
    enum Wording {
        /** {@code --opt must be an integer in 1..8, got 'x'} ({@link #requirement} is "must be …"). */
        REQUIREMENT,
        /** {@code --opt: <the parser's own message>}: a library parser already names the value and the expectation. */
        PARSER_MESSAGE
    }

    /** The kind of value, so that a test can pick text that each kind must refuse. */
    enum Kind {
        /** Free text: every value is accepted. */
        TEXT,
        /** A file or directory: only text no path can hold (a NUL character) is malformed. */
        PATH,
        /** A number, a choice, a shape: anything outside its grammar is malformed. */
        STRUCTURED
    }

    private final String requirement;
    private final Parser<T> parser;
    private final Wording wording;
    private final Kind kind;

    ValueType(String requirement, Parser<T> parser, Wording wording, Kind kind) {
        this.requirement = requirement;
        this.parser = parser;
        this.wording = wording;
        this.kind = kind;
    }

    Kind kind() {
        return kind;
    }

    /** As Commons CLI's converter (for {@code getParsedOptionValue}); {@link #convert} is what commands use. */
    @Override
    public T apply(String text) {
        return parser.parse(text);
    }

    /**
     * The typed value of {@code text} given to {@code option}.
     *
     * @throws UsageException one line naming the option, the value and what it must be
     */
    T convert(Option option, String text) throws UsageException {
        return convert(displayName(option), text);
    }

    /** As {@link #convert(Option, String)}, for the option named {@code name} ({@code --batch}). */
    T convert(String name, String text) throws UsageException {
        try {
            T value = parser.parse(text);
            if (value == null) {
                throw new IllegalArgumentException(text);
            }
            return value;
        } catch (IllegalArgumentException e) { // NumberFormatException and InvalidPathException included
            throw new UsageException(message(name, text, e));
        }
    }

    private String message(String name, String text, IllegalArgumentException e) {
        if (wording == Wording.PARSER_MESSAGE && e.getMessage() != null && !e.getMessage().isBlank()) {
            // a library parser's fact names settings; the command line writes its flags for them
            String said = (e instanceof SettingFact f ? f.render(LibraryFacts::flag) : e.getMessage()).strip().replace('\n', ' ');
            return said.startsWith(name + ":") ? said : name + ": " + said; // tao-converter's parser names its flags itself
        }
        return name + " " + requirement + ", got '" + printable(text) + "'";
    }

    /** {@code --long-name}, or {@code -x} for a letter-only option (tao-converter's). */
    static String displayName(Option option) {
        return option.getLongOpt() != null ? "--" + option.getLongOpt() : "-" + option.getOpt();
    }

    /** Control characters (a NUL in a path) shown escaped, so the message stays one readable line. */
    private static String printable(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }
}
