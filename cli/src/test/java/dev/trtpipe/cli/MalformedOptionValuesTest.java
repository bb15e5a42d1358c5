package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every command, with a malformed value for each of its typed options, exits 2 with one line naming the option
 * and the value. The cases come from the commands' own {@code Options}, so a new command or option is covered
 * the moment it is registered.
 */
class MalformedOptionValuesTest {

    /** A command as typed: {@code detect}, or a group's {@code export triton}. */
    private record Invocation(List<String> words, Command command) {
        String name() {
            return String.join(" ", words);
        }
    }

    private static List<Invocation> invocations() {
        List<Invocation> all = new ArrayList<>();
        for (Command command : Commands.all()) {
            if (command instanceof CommandGroup group) {
                group.subcommands().forEach(sub -> all.add(new Invocation(List.of(group.name(), sub.name()), sub)));
            } else {
                all.add(new Invocation(List.of(command.name()), command));
            }
        }
        return all;
    }

    /** Text the given kind of value must refuse: a NUL no path can hold, or a word no number, choice or shape reads as. */
    private static String malformed(ValueType.Kind kind) {
        return kind == ValueType.Kind.PATH ? "bad\0path" : "§nonsense§";
    }

    @Test
    void everyOptionThatTakesAValueDeclaresItsType() {
        List<String> untyped = new ArrayList<>();
        for (Invocation invocation : invocations()) {
            for (Option option : invocation.command().options().getOptions()) {
                if (option.hasArg() && !(option.getConverter() instanceof ValueType<?>)) {
                    untyped.add(invocation.name() + " " + ValueType.displayName(option));
                }
            }
        }
        assertThat(untyped).as("options without a Values.* type").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyMalformedValueExits2WithOneLine() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Invocation invocation : invocations()) {
            for (Option option : invocation.command().options().getOptions()) {
                if (!(option.getConverter() instanceof ValueType<?> type) || type.kind() == ValueType.Kind.TEXT) {
                    continue;
                }
                String flag = ValueType.displayName(option);
                String value = malformed(type.kind());
                tests.add(DynamicTest.dynamicTest(invocation.name() + " " + flag, () -> {
                    List<String> args = new ArrayList<>(invocation.words());
                    args.add(flag);
                    args.add(value);
                    CliRun run = CliRun.of(args.toArray(String[]::new));
                    assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.USAGE);
                    assertThat(run.err()).hasLineCount(1).startsWith("trtpipe " + invocation.words().get(0) + ": ")
                            .contains(flag).contains(value.replace("\0", "\\u0000")).doesNotContain("Exception");
                    assertThat(run.out()).isEmpty();
                }));
            }
        }
        assertThat(tests).as("typed options found across the commands").hasSizeGreaterThan(80);
        return tests.stream();
    }
}
