package dev.trtpipe.cli;

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
final class TaoSpecCommand implements Command {

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
    public int run(CommandLine line, Console console) throws Exception {
        if (!line.hasOption("onnx") || !line.hasOption("out") || !line.hasOption("nvinfer-config")) {
            throw new UsageException("--onnx, --out and --nvinfer-config are required");
        }
        Path onnx = CommonOptions.requiredPath(line, "onnx");
        Path out = CommonOptions.requiredPath(line, "out");
        TaoSpecEmbedding embedding = TaoSpecEmbedding.fromOptions(line, console.err()).orElseThrow();
        console.out().println("wrote " + out + ": " + embedding.embed(onnx, out, onnx.toString()));
        return ExitCode.OK;
    }
}
