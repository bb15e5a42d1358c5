package dev.trtpipe.samples.compare;

import dev.trtpipe.etlt.EtltFile;
import dev.trtpipe.etlt.EtltKey;
import dev.trtpipe.etlt.PayloadKind;
import dev.trtpipe.etlt.Plaintext;
import dev.trtpipe.etlt.TaoConversion;
import dev.trtpipe.etlt.TaoConverterArgs;
import dev.trtpipe.etlt.TensorSummary;
import dev.trtpipe.samples.steps.Artifact;
import dev.trtpipe.samples.steps.Timed;
import dev.trtpipe.trt.BuildReport;
import dev.trtpipe.trt.Precision;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TAO path after the {@code .etlt} exists: {@code tao-convert} (decrypt to a temporary ONNX, check the
 * flags against it, build), then inference on the engine. The decrypted model's SHA-256 is kept, to show
 * it is the raw path's ONNX byte for byte.
 */
final class TaoPath {

    private final ExecutionTarget target;
    private final EngineSettings engine;
    private final String keySpec;
    private final Path directory;

    /** @param directory where the engine (and, while it is built, the decrypted ONNX) goes */
    TaoPath(ExecutionTarget target, EngineSettings engine, String keySpec, Path directory) {
        this.target = target;
        this.engine = engine;
        this.keySpec = keySpec;
        this.directory = directory;
    }

    PathRun run(Path etlt, ModelFacts model, InputTensor input, Optional<Path> image) throws Exception {
        Path plan = directory.resolve("model.plan");
        List<String> profiles = model.profiles();
        Map<Character, List<String>> flags = new LinkedHashMap<>();
        flags.put('k', List.of(keySpec));
        flags.put('e', List.of(plan.toString()));
        if (engine.precision() != Precision.FP32) {
            flags.put('t', List.of(engine.precision().cliName()));
        }
        if (!profiles.isEmpty()) {
            flags.put('p', profiles);
        }
        boolean uff = payloadKind(etlt) == PayloadKind.UFF;
        if (uff) { // tao-converter needs the input dims and output names of a UFF graph; the translation checks them
            flags.put('d', List.of(model.inputDimsWithoutBatch()));
            flags.put('o', List.of(String.join(",", model.summary().outputs().stream().map(TensorSummary::name).toList())));
        }
        TaoConverterArgs args = TaoConverterArgs.parse(flags, List.of(etlt.toString()));

        long start = System.nanoTime();
        try (TaoConversion conversion = TaoConversion.prepare(args)) {
            List<String> notes = new ArrayList<>(conversion.warnings());
            Optional<BuildReport> built = Optional.empty();
            if (target.buildsEngines()) {
                built = Optional.of(target.build(conversion.onnx(), plan, engine.withCompareAdditions(conversion.plan().options())));
                notes.add("compare adds the raw build's timing cache" + engine.optimizationLevel().map(l -> " and --opt-level " + l).orElse("")
                        + " (tao-converter has no such flags) so both builds choose the same kernels");
                notes.addAll(built.get().warnings());
            } else {
                notes.add("decrypted and checked; not built: TensorRT is not usable here");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // hashed while it exists: closing the conversion deletes the decrypted model
            Artifact decrypted = Artifact.of("decrypted ONNX (temporary, deleted after the build)", conversion.onnx());
            List<Artifact> artifacts = new ArrayList<>(List.of(decrypted));
            if (built.isPresent()) {
                artifacts.add(Artifact.of("engine", plan));
                artifacts.add(Artifact.of("engine sidecar", built.get().sidecar()));
            }
            Step convert = new Step(PathName.TAO.label(), Stage.BUILD.label(), taoConvertCommand(flags, etlt),
                    taoKnowledge(model, uff), seconds, artifacts, String.join("; ", notes));
            Path runnable = built.isPresent() ? plan : conversion.onnx();
            Timed<Execution> ran = Timed.of(() -> target.run(runnable, input));
            Step inference = InferenceStep.step(PathName.TAO, plan, image, input, ran.seconds(),
                    built.isPresent() ? "" : "ran the decrypted ONNX model on ONNX Runtime (CPU)");
            return new PathRun(List.of(convert, inference), target.runtime(), ran.value(), Optional.of(decrypted.sha256()));
        }
    }

    private static String taoConvertCommand(Map<Character, List<String>> flags, Path etlt) {
        ShellCommand command = ShellCommand.trtpipe("tao-convert");
        flags.forEach((flag, values) -> values.forEach(v -> command.add("-" + flag, flag == 'k' ? KeyDisplay.of(v) : v)));
        return command.add(etlt.toString()).toString();
    }

    private static List<String> taoKnowledge(ModelFacts model, boolean uff) {
        List<String> lines = new ArrayList<>();
        lines.add("the key (-k) the model was exported with");
        lines.addAll(model.buildKnowledge(true, uff));
        return lines;
    }

    /** ONNX or UFF: the key was checked by the raw path's decryption already. */
    private PayloadKind payloadKind(Path etlt) throws IOException {
        try (Plaintext plain = EtltFile.read(etlt).decrypt(EtltKey.parse(keySpec))) {
            return plain.kind();
        }
    }
}
