package dev.trtpipe.cli;

import dev.trtpipe.detect.io.AtomicFile;
import dev.trtpipe.etlt.EtltFile;
import dev.trtpipe.etlt.EtltKey;
import dev.trtpipe.etlt.OnnxPayload;
import dev.trtpipe.etlt.PayloadKind;
import dev.trtpipe.etlt.Plaintext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        EtltKey key = EtltCliSupport.key(line);
        EtltFile etlt = EtltFile.read(input);
        try (Plaintext plain = etlt.decrypt(key)) {
            plain.headerMismatch().ifPresent(console::warn);
            if (plain.kind() == PayloadKind.UFF) {
                throw new IOException(input + " holds a UFF graph, not ONNX, so there is no ONNX model to extract (and TensorRT 9+"
                        + " cannot build UFF); 'trtpipe inspect-etlt' shows its inputs and outputs; use NGC's ONNX re-export of the model");
            }
            AtomicFile.write(output, temporary -> {
                plain.transferTo(temporary);
                OnnxPayload.read(temporary, input.toString()); // a full parse before the file gets its name
            });
        }
        console.out().println("wrote " + output + " (ONNX, " + Files.size(output) + " bytes)");
        return ExitCode.OK;
    }
}
