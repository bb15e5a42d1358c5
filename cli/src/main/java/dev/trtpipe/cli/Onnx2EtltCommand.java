package dev.trtpipe.cli;

import dev.trtpipe.etlt.EtltFile;
import dev.trtpipe.etlt.EtltKey;
import dev.trtpipe.etlt.EtltWriter;
import dev.trtpipe.etlt.OnnxPayload;
import dev.trtpipe.etlt.UffPayload;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code trtpipe onnx2etlt -k KEY model.onnx [-o model.etlt]}: package an ONNX model the way TAO does. */
final class Onnx2EtltCommand implements Command {

    @Override
    public String name() {
        return "onnx2etlt";
    }

    @Override
    public String summary() {
        return "encrypt an ONNX model (or a bare .uff graph) into a TAO-compatible .etlt";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(EtltCliSupport.keyOption())
                .addOption(Option.builder("o").longOpt("output").hasArg().converter(Values.PATH).argName("FILE")
                        .desc("where to write the .etlt (default: the model's name with .etlt)").get());
    }

    @Override
    public String positionalUsage() {
        return "model.onnx";
    }

    @Override
    public int run(CommandLine line, Console console) throws Exception {
        Path input = EtltCliSupport.singleFile(line, "model.onnx");
        Path output = Values.<Path>get(line, "output").orElse(EtltCliSupport.withExtension(input, ".etlt"));
        OutputGuard.refuseInputAsOutput(output, List.of(input), line.hasOption("o") ? "-o" : "the default output");
        EtltKey key = EtltCliSupport.key(line);
        // TLT wrote UFF payloads with the first input's name in the header (docs/etlt.md), ONNX ones with none
        boolean uff = UffPayload.isBareUff(input);
        String inputName = uff ? UffPayload.readBare(input).inputs().get(0).id() : "";
        if (!uff) {
            OnnxPayload.read(input, input.toString()); // refuse anything that is not an ONNX model or a UFF graph
        }
        EtltWriter.encrypt(input, inputName, key, output);
        console.out().println("wrote " + output + " (" + (uff ? "UFF" : "ONNX") + " payload, nonce " + EtltFile.read(output).header().nonceHex()
                + ", encrypted with " + key.source() + ")");
        return ExitCode.OK;
    }
}
