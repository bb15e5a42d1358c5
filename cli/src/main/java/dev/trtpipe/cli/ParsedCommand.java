package dev.trtpipe.cli;

import java.io.IOException;
import org.apache.commons.cli.CommandLine;

/**
 * A command whose whole command line is parsed once, into one typed value, before it does any work: usage errors
 * all come first, and the work sees only typed values.
 *
 * @param <O> the typed options (a record built from the flag groups)
 */
interface ParsedCommand<O> extends Command {

    /**
     * The typed options of {@code line} (the dispatcher has already checked every value's form).
     *
     * @throws UsageException an option missing, or options that do not fit together
     * @throws IOException    a file an option names cannot be read (an nvinfer config is read with its flag)
     */
    O parse(CommandLine line) throws UsageException, IOException;

    /** Runs with the parsed options. */
    int run(O options, Console console) throws Exception;

    @Override
    default int run(CommandLine line, Console console) throws Exception {
        return run(parse(line), console);
    }
}
