package dev.trtpipe.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/**
 * Checks, before anything is written, that no output of a command is one of its inputs (the same path,
 * a symbolic link to it or a hard link: {@link Files#isSameFile} compares the file keys), and that file
 * arguments are files and directory arguments are directories. {@link Main} runs {@link #check} on every
 * command line; commands call {@link #refuseInputAsOutput} for outputs they derive themselves (a default
 * output name, detect's report files).
 */
final class OutputGuard {

    /** Argument names (the {@code argName} of an option) of options that take a file. */
    private static final Set<String> FILE_ARGS = Set.of("file", "onnx", "plan");
    /** Argument names of options that take a directory. */
    private static final Set<String> DIRECTORY_ARGS = Set.of("dir");

    private OutputGuard() {
    }

    /** The generic checks of one parsed command line; {@code command} says which options name outputs. */
    static void check(Command command, CommandLine line) throws UsageException {
        Set<String> outputOptions = command.outputOptions();
        List<Path> inputs = new ArrayList<>();
        List<Option> outputs = new ArrayList<>();
        for (Option option : line.getOptions()) {
            if (!option.hasArg() || option.getValue() == null) {
                continue;
            }
            checkKind(option);
            if (outputOptions.contains(key(option))) {
                outputs.add(option);
            } else {
                inputs.add(Path.of(option.getValue()));
            }
        }
        line.getArgList().forEach(a -> inputs.add(Path.of(a)));
        for (int i = 0; i < outputs.size(); i++) {
            Path path = Path.of(outputs.get(i).getValue());
            refuseInputAsOutput(path, inputs, "--" + key(outputs.get(i)));
            for (Option other : outputs.subList(0, i)) {
                if (path.toAbsolutePath().normalize().equals(Path.of(other.getValue()).toAbsolutePath().normalize())) {
                    throw new UsageException("--" + key(other) + " and --" + key(outputs.get(i)) + " both name " + path
                            + "; one would overwrite the other: give each its own path");
                }
            }
        }
    }

    /**
     * Refuses {@code output} when it is one of {@code inputs}; {@code what} names it for the message
     * ({@code "-o"}, {@code "the default output"}).
     */
    static void refuseInputAsOutput(Path output, Collection<Path> inputs, String what) throws UsageException {
        if (!Files.exists(output)) {
            return; // a file that does not exist yet is nobody's input
        }
        for (Path input : inputs) {
            if (sameFile(output, input)) {
                throw new UsageException(what + " " + output + (output.equals(input) ? " is" : " is the same file as")
                        + " the input " + input + "; writing it would destroy the input: choose another output path");
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false; // unreadable: then it cannot be overwritten by us either
        }
    }

    /** A file option given a directory, or a directory option given a regular file. */
    private static void checkKind(Option option) throws UsageException {
        String arg = option.getArgName() == null ? "" : option.getArgName().toLowerCase(Locale.ROOT);
        Path path = Path.of(option.getValue());
        if (FILE_ARGS.contains(arg) && Files.isDirectory(path)) {
            throw new UsageException("--" + key(option) + " " + path + " is a directory; give a file");
        }
        if (DIRECTORY_ARGS.contains(arg) && Files.exists(path) && !Files.isDirectory(path)) {
            throw new UsageException("--" + key(option) + " " + path + " is a regular file, not a directory;"
                    + " give a directory");
        }
    }

    /** The long name of an option, else its letter: the names {@link Command#outputOptions} uses. */
    static String key(Option option) {
        return option.getLongOpt() != null ? option.getLongOpt() : option.getOpt();
    }
}
