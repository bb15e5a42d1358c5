package dev.trtpipe.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trtpipe tao-spec}: embeds a TAO detector's nvinfer settings into its ONNX as {@code tao.*}
 * metadata, so that {@code detect --model x.onnx} and the engines built from it ({@code onnx2trt} copies
 * the metadata into the sidecar) need no config afterwards. The spec is checked against the model (its
 * outputs must be a TAO layout) before anything is written.
 */
final class TaoSpecCommand implements ParsedCommand<TaoSpecCommand.Flags> {

    /** The model, where it goes with the spec, and the TAO flags ({@code --nvinfer-config} and its overrides). */
    record Flags(Path onnx, Path out, TaoSpecOptions tao) {
    }


    @Override
    public String name() {
        return "tao-spec";
    }

    @Override
    public String summary() {
        return "embed a TAO detector's DeepStream nvinfer config into its ONNX metadata (for detect and engines)";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("onnx").hasArg().converter(Values.PATH).argName("FILE").desc("the TAO detector's ONNX (required)").get());
        o.addOption(Option.builder().longOpt("out").hasArg().converter(Values.PATH).argName("FILE")
                .desc("where to write the ONNX with the spec (required; may be the input)").get());
        TaoSpecOptions.addTo(o);
        return o;
    }

    @Override
    public Flags parse(CommandLine line) throws UsageException, IOException {
        if (!line.hasOption("onnx") || !line.hasOption("out") || !line.hasOption("nvinfer-config")) {
            throw new UsageException("--onnx, --out and --nvinfer-config are required");
        }
        return new Flags(CommonOptions.requiredPath(line, "onnx"), CommonOptions.requiredPath(line, "out"), TaoSpecOptions.read(line));
    }

    @Override
    public int run(Flags flags, Console console) throws Exception {
        TaoSpecEmbedding embedding = TaoSpecEmbedding.of(flags.tao(), console.err()).orElseThrow();
        console.out().println("wrote " + flags.out() + ": " + embedding.embed(flags.onnx(), flags.out(), flags.onnx().toString()));
        return ExitCode.OK;
    }
}
