package dev.trtpipe.cli;

import dev.trtpipe.etlt.EtltKey;
import dev.trtpipe.etlt.OnnxExtraction;
import dev.trtpipe.etlt.PayloadKind;
import dev.trtpipe.etlt.UffPayload;
import dev.trtpipe.uff.UffTranslationOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trtpipe etlt2onnx -k KEY model.etlt [-o model.onnx]}: the ONNX model inside a TAO .etlt; a UFF
 * payload (or a bare {@code .uff} file, no key needed) is translated to ONNX.
 */
final class Etlt2OnnxCommand implements ParsedCommand<Etlt2OnnxCommand.Flags> {

    /**
     * The command line, typed.
     *
     * @param input       the .etlt (or bare .uff)
     * @param output      {@code -o}, else the input's name with .onnx
     * @param key         {@code -k}; empty for a bare .uff, which is not encrypted
     * @param translation UFF translation options ({@code --nms})
     * @param tao         the nvinfer spec to embed ({@code --nvinfer-config} and its overrides)
     */
    record Flags(Path input, Path output, Optional<EtltKey> key, UffTranslationOptions translation, TaoSpecOptions tao) {
    }


    @Override
    public String name() {
        return "etlt2onnx";
    }

    @Override
    public String summary() {
        return "decrypt a TAO .etlt to the ONNX model inside it (UFF payloads and .uff files are translated to ONNX)";
    }

    @Override
    public Options options() {
        Options o = new Options()
                .addOption(EtltCliSupport.keyOption())
                .addOption(Option.builder("o").longOpt("output").hasArg().converter(Values.PATH).argName("FILE")
                        .desc("where to write the ONNX model (default: the .etlt's name with .onnx)").get())
                .addOption(NmsChoice.option());
        // the detector's nvinfer config, embedded as tao-spec does, so detect needs nothing else afterwards
        TaoSpecOptions.addTo(o);
        return o;
    }

    @Override
    public String positionalUsage() {
        return "model.etlt";
    }

    @Override
    public Flags parse(CommandLine line) throws UsageException, IOException {
        Path input = EtltCliSupport.singleFile(line, "model.etlt");
        Path output = Values.<Path>get(line, "output").orElse(EtltCliSupport.withExtension(input, ".onnx"));
        OutputGuard.refuseInputAsOutput(output, List.of(input), line.hasOption("o") ? "-o" : "the default output");
        UffTranslationOptions translation = UffTranslationOptions.defaults().withPlainNms(NmsChoice.plain(line));
        // a bare .uff is not encrypted; an .etlt's key may be read from env: or file:
        Optional<EtltKey> key = UffPayload.isBareUff(input) ? Optional.empty() : Optional.of(EtltCliSupport.key(line));
        return new Flags(input, output, key, translation, TaoSpecOptions.read(line));
    }

    @Override
    public int run(Flags flags, Console console) throws Exception {
        Path input = flags.input();
        Path output = flags.output();
        UffTranslationOptions options = flags.translation();
        boolean bare = flags.key().isEmpty();
        EtltKey key = flags.key().orElse(null);
        Optional<TaoSpecEmbedding> spec = TaoSpecEmbedding.of(flags.tao(), console.err());
        TaoSpecEmbedding.ModelWriter<OnnxExtraction.Result> extraction = file -> bare
                ? OnnxExtraction.translateBareUff(input, file, options) : OnnxExtraction.extract(input, key, file, options);
        Optional<TaoSpecEmbedding.Embedded<OnnxExtraction.Result>> embedded = spec.isPresent()
                ? Optional.of(spec.get().writeThenEmbed(output, input.toString(), extraction)) : Optional.empty();
        OnnxExtraction.Result result = embedded.isPresent() ? embedded.get().value() : extraction.write(output);
        result.warnings().forEach(console::warn);
        result.notes().forEach(n -> console.err().println("note: " + n));
        console.out().println("wrote " + output + " (ONNX, " + Files.size(output) + " bytes"
                + (result.kind() == PayloadKind.UFF ? ", translated from UFF" : "") + ")"
                + embedded.map(e -> " with " + e.description()).orElse(""));
        return ExitCode.OK;
    }
}
