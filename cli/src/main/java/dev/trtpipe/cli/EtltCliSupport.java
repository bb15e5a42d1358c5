package dev.trtpipe.cli;

import dev.trtpipe.etlt.EtltKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/** What the {@code .etlt} commands share: the key option, the one positional file, default output names. */
final class EtltCliSupport {

    static final String KEY_HELP = "the key the model was exported with (NGC models: nvidia_tlt, tlt_encode or nvidia_tao);"
            + " env:NAME or file:PATH read it from there, out of shell history";

    private EtltCliSupport() {
    }

    /** Not marked required: Commons CLI would then reject {@code --help} alone; {@link #key} checks instead. */
    static Option keyOption() {
        return Option.builder("k").longOpt("key").hasArg().converter(Values.TEXT).argName("KEY").desc(KEY_HELP + " (required)").get();
    }

    static EtltKey key(CommandLine line) throws IOException, UsageException {
        if (!line.hasOption("k")) {
            throw new UsageException("missing -k KEY: " + KEY_HELP);
        }
        return EtltKey.parse(line.getOptionValue("k"));
    }

    /** The single positional argument, {@code what} naming it for the message. */
    static Path singleFile(CommandLine line, String what) throws UsageException {
        List<String> args = line.getArgList();
        if (args.size() != 1) {
            throw new UsageException(args.isEmpty() ? "missing " + what : "expected one " + what + ", got " + String.join(" ", args));
        }
        try {
            return Path.of(args.get(0));
        } catch (java.nio.file.InvalidPathException e) {
            throw new UsageException(what + " must be a file path, got '" + args.get(0).replace("\0", "\\u0000") + "'");
        }
    }

    /** {@code dir/model.etlt} → {@code dir/model.onnx}. */
    static Path withExtension(Path file, String extension) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + extension);
    }
}
