package dev.trtpipe.cli;

import dev.trtpipe.trt.BuildOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code trtpipe onnx2trt}: an ONNX model to a TensorRT engine plus its JSON sidecar. */
final class Onnx2TrtCommand implements ParsedCommand<Onnx2TrtCommand.Flags> {

    /** The model, the engine file, the build's flags and the TAO flags (a spec to embed). */
    record Flags(Path model, Path engine, BuildOptions build, TaoSpecOptions tao) {
    }


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
        Options o = BuildFlags.addTo(new Options()
                .addOption(Option.builder("m").longOpt("model").hasArg().converter(Values.PATH).argName("ONNX").desc("the ONNX model (required)").get())
                .addOption(EngineBuildStep.engineOption()));
        // a TAO detector's nvinfer config, carried into the sidecar so detect --model x.plan needs nothing else
        TaoSpecOptions.addTo(o);
        return o;
    }

    @Override
    public Set<String> outputOptions() {
        return Set.of("engine");
    }

    @Override
    public Set<String> repeatableOptions() {
        return Set.of("profile", "plugin");
    }

    @Override
    public Flags parse(CommandLine line) throws UsageException, IOException {
        Path model = CommonOptions.requiredPath(line, "model");
        Path engine = CommonOptions.requiredPath(line, "engine");
        BuildOptions build = BuildFlags.parse(line);
        return new Flags(model, engine, build, TaoSpecOptions.read(line)); // the config file last: flags before files
    }

    @Override
    public int run(Flags flags, Console console) throws Exception {
        Optional<TaoSpecEmbedding> spec = TaoSpecEmbedding.of(flags.tao(), console.err());
        Path model = flags.model();
        Path engine = flags.engine();
        BuildOptions options = flags.build();
        if (spec.isEmpty()) {
            EngineBuildStep.run(model, engine, options, console);
            return ExitCode.OK;
        }
        // the user's ONNX stays as it is: the build takes its bytes with the spec, under the model's own name
        TaoSpecEmbedding.Embedded<byte[]> withSpec = spec.get().embeddedBytes(model, model.toString());
        console.err().println("embedding " + withSpec.description());
        EngineBuildRun.run(console, builder -> builder.build(withSpec.value(), model.toString(), engine, options));
        return ExitCode.OK;
    }
}
