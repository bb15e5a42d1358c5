package dev.trtpipe.samples.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A command line as a user would type it: words joined by spaces, quoted where the shell needs it. */
final class ShellCommand {

    private final List<String> words = new ArrayList<>();

    private ShellCommand() {
    }

    static ShellCommand trtpipe(String command) {
        return new ShellCommand().add("trtpipe").add(command);
    }

    ShellCommand add(String word) {
        words.add(word);
        return this;
    }

    ShellCommand add(String flag, Path value) {
        return add(flag).add(value.toString());
    }

    ShellCommand add(String flag, String value) {
        return add(flag).add(value);
    }

    ShellCommand addAll(List<String> more) {
        words.addAll(more);
        return this;
    }

    @Override
    public String toString() {
        return words.stream().map(ShellCommand::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String word) {
        return word.matches("[A-Za-z0-9_@%+=:,./<>-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
