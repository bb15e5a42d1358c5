package dev.trtpipe.cli;

import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.BuildRecipe;
import dev.trtpipe.trt.EngineFreshness;
import dev.trtpipe.trt.EngineMetadata;
import dev.trtpipe.trt.TrtAvailability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * {@code detect --rebuild}: an engine that another TensorRT version or GPU generation built (see
 * {@link EngineFreshness}) is rebuilt in place from the ONNX file its sidecar names, with the flags it
 * was built with, before it is loaded. The plan and sidecar are replaced atomically, so an interrupted
 * rebuild leaves the old engine as it was.
 */
final class EngineRefresh {

    /** A stale engine and how to build it again. */
    record Rebuild(String reason, Path onnx, BuildOptions options) {
    }

    private EngineRefresh() {
    }

    /** Rebuilds {@code plan} when it does not fit this host; does nothing for a fresh engine or one without sidecar. */
    static void rebuildIfStale(Path plan, Console console) throws IOException {
        TrtAvailability.require();
        Optional<Rebuild> rebuild = plan(plan, TrtAvailability.probe());
        if (rebuild.isPresent()) {
            Rebuild r = rebuild.get();
            console.err().println(plan + ": " + r.reason() + "; rebuilding it from " + r.onnx() + " (--rebuild)");
            // the build's report goes to stderr: stdout carries detections (JSON Lines) only
            EngineBuildStep.run(r.onnx(), plan, r.options(), new Console(console.err(), console.err()));
        }
    }

    /**
     * What a rebuild of {@code plan} would do on {@code host}: empty when the engine fits (or has no sidecar,
     * which the engine loader reports).
     *
     * @throws IllegalArgumentException stale, but the sidecar has no recipe or its ONNX file is gone
     */
    static Optional<Rebuild> plan(Path plan, TrtAvailability.Status host) throws IOException {
        Optional<EngineMetadata> sidecar = EngineMetadata.readFor(plan);
        if (sidecar.isEmpty()) {
            return Optional.empty();
        }
        EngineMetadata built = sidecar.get();
        Optional<String> reason = EngineFreshness.staleReason(built, host);
        if (reason.isEmpty()) {
            return Optional.empty();
        }
        BuildRecipe recipe = built.buildRecipe().orElseThrow(() -> new IllegalArgumentException(plan + ": " + reason.get()
                + "; its sidecar has no build recipe (an older trtpipe built it), so --rebuild cannot repeat the build: run"
                + " trtpipe onnx2trt -m " + built.sourceOnnx() + " -e " + plan + " with the flags it was built with"));
        Path onnx = Path.of(recipe.onnx());
        if (!Files.isRegularFile(onnx)) {
            throw new IllegalArgumentException(plan + ": " + reason.get() + "; --rebuild needs " + onnx + ", the ONNX model its sidecar"
                    + " names, which is gone: convert the model again and run trtpipe onnx2trt -m NEW.onnx -e " + plan + " "
                    + String.join(" ", recipe.arguments()));
        }
        return Optional.of(new Rebuild(reason.get(), onnx, options(plan, recipe)));
    }

    /** The recipe's flags parsed exactly as {@code onnx2trt} parses them. */
    private static BuildOptions options(Path plan, BuildRecipe recipe) {
        try {
            CommandLine line = new DefaultParser().parse(BuildFlags.addTo(new Options()), recipe.arguments().toArray(String[]::new));
            return BuildFlags.parse(line);
        } catch (ParseException | UsageException e) {
            throw new IllegalArgumentException(EngineMetadata.sidecarOf(plan) + ": its build recipe " + recipe.arguments()
                    + " is not valid (" + e.getMessage() + "); rebuild with trtpipe onnx2trt");
        }
    }
}
