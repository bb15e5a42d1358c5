package dev.trtpipe.cli;

import dev.trtpipe.trt.BuildOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code trtpipe onnx2trt}: an ONNX model to a TensorRT engine plus its JSON sidecar. */
final class Onnx2TrtCommand implements Command {

    @Override
    public String name() {
        return "onnx2trt";
    }

    @Override
    public String summary() {
        return "build a TensorRT engine (.plan + .plan.json) from an ONNX model";
    }

    @Override
    public Options options() {
        Options o = EngineBuildStep.addOptions(new Options()
                .addOption(Option.builder("m").longOpt("model").hasArg().argName("ONNX").required().desc("the ONNX model").get())
                .addOption(EngineBuildStep.engineOption(true)));
        // a TAO detector's nvinfer config, carried into the sidecar so detect --model x.plan needs nothing else
        TaoSpecOptions.addTo(o);
        return o;
    }

    @Override
    public int run(CommandLine line, Console console) throws Exception {
        Path model = Path.of(line.getOptionValue("model"));
        Path engine = Path.of(line.getOptionValue("engine"));
        BuildOptions options = EngineBuildStep.options(line);
        Optional<TaoSpecEmbedding> spec = TaoSpecEmbedding.fromOptions(line, console.err());
        if (spec.isEmpty()) {
            EngineBuildStep.run(model, engine, options, console);
            return ExitCode.OK;
        }
        // the user's ONNX stays as it is: the spec goes into a copy that is built under the model's name
        Path directory = engine.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path onnx = Files.createTempFile(directory, "." + engine.getFileName() + ".", ".tao.onnx");
        try {
            console.err().println("embedding " + spec.get().embed(model, onnx, model.toString()));
            byte[] bytes = Files.readAllBytes(onnx);
            EngineBuildRun.run(console, builder -> builder.build(bytes, model.toString(), engine, options));
        } finally {
            Files.deleteIfExists(onnx);
        }
        return ExitCode.OK;
    }
}
