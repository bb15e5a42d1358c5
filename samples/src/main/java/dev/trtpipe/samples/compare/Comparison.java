package dev.trtpipe.samples.compare;

import dev.trtpipe.samples.steps.FileDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the same network down both paths — raw (ONNX → {@code onnx2trt}) and TAO ({@code .etlt} →
 * {@code tao-convert}) — on one input, and reports each stage and how far the two results are apart.
 * Files go to {@code outDir/raw} and {@code outDir/tao}.
 */
public final class Comparison {

    private Comparison() {
    }

    /** @param progress receives each stage as it completes */
    public static ComparisonReport run(CompareSettings settings, Consumer<Step> progress) throws Exception {
        ExecutionTarget target = ExecutionTarget.forThisHost();
        // not Files.createDirectories' result: it turns the paths absolute, and the commands shown should read as typed
        Path rawDir = settings.outDir().resolve("raw");
        Path taoDir = settings.outDir().resolve("tao");
        Files.createDirectories(rawDir);
        Files.createDirectories(taoDir);
        EngineSettings engine = new EngineSettings(settings.precision(), settings.optimizationLevel(),
                settings.outDir().resolve("timing.cache"));
        CompareSubject subject = settings.subject();
        List<Step> steps = new ArrayList<>();
        Consumer<Step> record = step -> {
            steps.add(step);
            progress.accept(step);
        };

        Produced onnx = subject.toOnnx(rawDir.resolve("model.onnx"));
        record.accept(onnx.step());
        ModelFacts model = ModelFacts.read(onnx.file());
        InputTensor input = InputTensor.forModel(onnx.file(), model, settings.image(), settings.nvinfer());
        PathRun raw = new RawPath(target, engine).run(onnx.file(), model, input, settings.image());
        raw.steps().forEach(record);

        Produced etlt = subject.toEtlt(onnx.file(), taoDir.resolve("model.etlt"));
        record.accept(etlt.step());
        PathRun tao = new TaoPath(target, engine, subject.keySpec(), taoDir).run(etlt.file(), model, input, settings.image());
        tao.steps().forEach(record);

        List<TensorDesc> outputs = model.summary().outputs().stream().map(TensorDesc::of).toList();
        List<OutputDifference> differences = OutputDifference.between(raw.execution().outputs(), tao.execution().outputs(), outputs);
        OnnxIdentity identity = OnnxIdentity.of(onnx.file().toString(), FileDigest.sha256(onnx.file()),
                tao.decryptedSha256().orElseThrow());
        return new ComparisonReport(subject.describe(), input.signature() + ": " + input.description(), target.describe(), steps,
                List.of(io(PathName.RAW, raw), io(PathName.TAO, tao)), identity, differences,
                differences.stream().mapToDouble(OutputDifference::maxAbsDifference).max().orElse(0), notes(subject, target));
    }

    private static PathIo io(PathName path, PathRun run) {
        return new PathIo(path.label(), run.runtime(), run.execution().inputs(), run.execution().outputTensors());
    }

    private static List<String> notes(CompareSubject subject, ExecutionTarget target) {
        List<String> notes = new ArrayList<>();
        if (subject instanceof DarknetSubject) {
            notes.add("a darknet model has no TAO export, so the .etlt is the raw path's ONNX encrypted by onnx2etlt;"
                    + " for a real TAO model run: trtpipe compare --etlt MODEL.etlt -k KEY");
        }
        notes.add(target.buildsEngines()
                ? "both engines were built with the same settings and one shared timing cache; with identical ONNX files"
                        + " any difference comes from TensorRT's kernel choices"
                : "TensorRT is not usable here, so no engines were built and each path ran its ONNX model on ONNX Runtime (CPU):"
                        + " the difference compares the two ONNX models, which must agree exactly when their SHA-256 match");
        return notes;
    }
}
