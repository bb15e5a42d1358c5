package dev.trtpipe.cli;

import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.DetectorSettings;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.tao.TaoDetectionSpec;
import dev.trtpipe.onnx.OnnxMetadata;
import java.nio.file.Path;
import java.util.Map;
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
        o.addOption(Option.builder().longOpt("onnx").hasArg().argName("FILE").desc("the TAO detector's ONNX (required)").get());
        o.addOption(Option.builder().longOpt("out").hasArg().argName("FILE")
                .desc("where to write the ONNX with the spec (required; may be the input)").get());
        TaoSpecOptions.addTo(o);
        return o;
    }

    @Override
    public int run(CommandLine line, Console console) throws Exception {
        if (!line.hasOption("onnx") || !line.hasOption("out") || !line.hasOption("nvinfer-config")) {
            throw new UsageException("--onnx, --out and --nvinfer-config are required");
        }
        Path onnx = Path.of(line.getOptionValue("onnx"));
        Path out = Path.of(line.getOptionValue("out"));
        TaoSpecOptions tao = TaoSpecOptions.read(line);
        tao.printWarnings(console.err());
        TaoDetectionSpec spec = tao.apply(tao.config().orElseThrow().spec());
        String description;
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.open(onnx)) {
            Detector detector = Detector.forTao(onnx.toString(), backend, spec);
            description = detector.pipeline().describePostprocessing() + "; " + detector.pipeline().describePreprocessing();
        }
        Map<String, String> metadata = spec.toMetadata();
        OnnxMetadata.write(onnx, out, metadata);
        console.out().println("wrote " + out + ": " + metadata.size() + " tao.* metadata entries (" + description + ")");
        return ExitCode.OK;
    }
}
