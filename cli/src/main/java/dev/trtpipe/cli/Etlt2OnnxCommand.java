package dev.trtpipe.cli;

import dev.trtpipe.etlt.EtltKey;
import dev.trtpipe.etlt.OnnxExtraction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code trtpipe etlt2onnx -k KEY model.etlt [-o model.onnx]}: the ONNX model inside a TAO .etlt. */
final class Etlt2OnnxCommand implements Command {

    @Override
    public String name() {
        return "etlt2onnx";
    }

    @Override
    public String summary() {
        return "decrypt a TAO .etlt to the ONNX model inside it";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(EtltCliSupport.keyOption())
                .addOption(Option.builder("o").longOpt("output").hasArg().argName("FILE")
                        .desc("where to write the ONNX model (default: the .etlt's name with .onnx)").get());
    }

    @Override
    public String positionalUsage() {
        return "model.etlt";
    }

    @Override
    public int run(CommandLine line, Console console) throws Exception {
        Path input = EtltCliSupport.singleFile(line, "model.etlt");
        Path output = line.hasOption("o") ? Path.of(line.getOptionValue("o")) : EtltCliSupport.withExtension(input, ".onnx");
        OutputGuard.refuseInputAsOutput(output, List.of(input), line.hasOption("o") ? "-o" : "the default output");
        EtltKey key = EtltCliSupport.key(line);
        OnnxExtraction.extract(input, key, output).ifPresent(console::warn);
        console.out().println("wrote " + output + " (ONNX, " + Files.size(output) + " bytes)");
        return ExitCode.OK;
    }
}
