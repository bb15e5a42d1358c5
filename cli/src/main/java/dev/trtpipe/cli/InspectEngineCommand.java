package dev.trtpipe.cli;

import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.trt.Engine;
import dev.trtpipe.trt.EngineDescription;
import dev.trtpipe.trt.EngineMetadata;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code trtpipe inspect-engine}: what a plan was built from and for, its I/O and its layers. */
final class InspectEngineCommand implements Command {

    @Override
    public String name() {
        return "inspect-engine";
    }

    @Override
    public String summary() {
        return "show a TensorRT engine's I/O, precision, profiles and layers";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder("e").longOpt("engine").hasArg().converter(Values.PATH).argName("PLAN").desc("the engine file (required)").get())
                .addOption(Option.builder().longOpt("no-layers").desc("skip the per-layer listing").get());
    }

    @Override
    public int run(CommandLine line, Console console) throws Exception {
        Path plan = CommonOptions.requiredPath(line, "engine");
        PrintStream out = console.out();
        long size = Files.size(plan);
        Optional<EngineMetadata> sidecar = EngineMetadata.readFor(plan);
        out.printf(Locale.ROOT, "engine      %s (%.1f MB)%n", plan, size / 1e6);
        sidecar.ifPresentOrElse(m -> {
            out.println("built from  " + m.sourceOnnx() + " (sha256 " + m.sourceOnnxSha256() + ")");
            out.printf(Locale.ROOT, "built with  TensorRT %s on %s, %s, %.1f s%n", m.tensorRtVersion(), m.gpuName(), m.precision(), m.buildSeconds());
            if (!m.modelMetadata().isEmpty()) {
                out.println("metadata    " + m.modelMetadata().size() + " keys (" + String.join(", ", m.modelMetadata().keySet().stream().limit(4).toList())
                        + (m.modelMetadata().size() > 4 ? ", ..." : "") + ")");
            }
        }, () -> out.println("sidecar     none (" + EngineMetadata.sidecarOf(plan) + " missing): precision and source unknown"));
        try (Engine engine = Engine.load(plan)) {
            engine.warnings().forEach(console::warn);
            EngineDescription d = engine.describe();
            for (TensorInfo t : d.inputs()) {
                out.println("input       " + t);
            }
            for (TensorInfo t : d.outputs()) {
                out.println("output      " + t);
            }
            d.profiles().forEach(p -> out.println("profile     -p " + p));
            out.printf(Locale.ROOT, "layers      %d, activation memory %.1f MB%n", d.layerCount(), d.deviceMemoryBytes() / 1e6);
            if (!line.hasOption("no-layers")) {
                for (int i = 0; i < d.layers().size(); i++) {
                    out.printf(Locale.ROOT, "  %3d  %s%n", i, d.layers().get(i));
                }
            }
        }
        return ExitCode.OK;
    }
}
