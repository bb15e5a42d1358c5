package dev.trtpipe.samples.yolov3;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DarknetWeights;
import dev.trtpipe.darknet.WeightsSizeCheck;
import dev.trtpipe.detect.ClassNames;
import dev.trtpipe.detect.DetectionResult;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.DetectorSettings;
import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.StageTimings;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.preprocess.RgbImage;
import dev.trtpipe.darknet.io.AtomicFile;
import dev.trtpipe.detect.report.DetectionJson;
import dev.trtpipe.detect.report.DetectionPainter;
import dev.trtpipe.onnx.HeadOutput;
import dev.trtpipe.samples.darknet.DarknetToOnnx;
import dev.trtpipe.samples.darknet.FileIdentity;
import dev.trtpipe.samples.darknet.PublishedFiles;
import dev.trtpipe.samples.darknet.RandomDarknetWeights;
import dev.trtpipe.samples.steps.Images;
import dev.trtpipe.samples.steps.StepLog;
import dev.trtpipe.samples.steps.Timed;
import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.BuildReport;
import dev.trtpipe.trt.Engine;
import dev.trtpipe.trt.EngineBuilder;
import dev.trtpipe.trt.TrtAvailability;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * TensorRT's {@code yolov3_onnx} sample in one call: {@code yolov3_to_onnx.py} (darknet → ONNX),
 * {@code onnx_to_tensorrt.py} (engine build, inference on one image, boxes drawn), with darknet-exact pre-
 * and post-processing. Where TensorRT cannot run, the engine step is skipped and ONNX Runtime runs the
 * same ONNX on the CPU. Each step is printed as it runs, with what it produced and how long it took.
 */
public final class Yolov3Sample {

    private static final int STEPS = 4;
    private static final String COCO_NAMES = "coco.names";
    private static final int COCO_CLASSES = 80;

    private Yolov3Sample() {
    }

    public static Yolov3SampleResult run(Yolov3SampleSettings settings, PrintStream out) throws Exception {
        Files.createDirectories(settings.outDir());
        StepLog log = new StepLog(out, STEPS);
        String stem = stem(settings.cfg());

        Timed<Inputs> inputs = log.run("inputs: cfg and weights", () -> inputs(settings, stem));
        FileIdentity cfg = inputs.value().cfg();
        log.detail("%s: %s, input %s, %d layers", cfg.file(), cfg.verdict(), inputs.value().model().net().input(),
                inputs.value().model().layers().size());
        if (settings.randomWeights()) {
            log.detail("random weights (--random-weights, seed %d) written to %s in %.2f s; the heads' objectness is pinned"
                    + " to sigmoid(%.0f), so the untrained network runs every stage and detects nothing",
                    RandomDarknetWeights.DEFAULT_SEED, inputs.value().weights(), inputs.seconds(), RandomDarknetWeights.SILENT_OBJECTNESS_LOGIT);
        } else {
            log.detail("%s: size fits the cfg exactly", inputs.value().weights());
        }

        Path onnx = settings.outDir().resolve(stem + ".onnx");
        Timed<DarknetToOnnx> converted = log.run("yolov3_to_onnx.py = trtpipe darknet2onnx: darknet -> ONNX",
                () -> DarknetToOnnx.convert(inputs.value().model(), inputs.value().weights(), onnx));
        FileIdentity weights = FileIdentity.of(inputs.value().weights(), converted.value().written().weightsSha256());
        log.detail("wrote %s (%.1f MB) in %.2f s", onnx, converted.value().written().bytes() / 1e6, converted.seconds());
        log.detail("input '%s' 1x%s; outputs %s", DarknetModel.INPUT_NAME, inputs.value().model().net().input(),
                converted.value().heads().stream().map(Yolov3Sample::describe).collect(Collectors.joining(", ")));
        if (!settings.randomWeights()) {
            log.detail("weights %s%s", weights.verdict(), weights.published().isPresent() ? ""
                    : "; running with them anyway (pjreddie's yolov3.weights: sha256 " + PublishedFiles.YOLOV3_WEIGHTS.sha256() + ")");
        }

        Path plan = settings.outDir().resolve(stem + ".plan");
        TrtAvailability.Status trt = TrtAvailability.probe();
        Timed<Optional<BuildReport>> built = log.run("onnx_to_tensorrt.py, build = trtpipe onnx2trt: ONNX -> TensorRT engine",
                () -> trt.available() ? Optional.of(EngineBuilder.create().build(onnx, plan, buildOptions(settings))) : Optional.empty());
        if (built.value().isPresent()) {
            BuildReport r = built.value().get();
            log.detail("wrote %s (%.1f MB, %s, TensorRT %s, %s) in %.1f s", r.plan(), r.planBytes() / 1e6,
                    r.metadata().precision(), r.metadata().tensorRtVersion(), r.metadata().gpuName(), r.buildSeconds());
            r.warnings().forEach(w -> log.detail("warning: %s", w));
        } else {
            log.detail("skipped: %s", trt.message());
            log.detail("inference falls back to ONNX Runtime on the CPU, on the same ONNX model");
        }

        ClassNames names = names(settings, converted.value().model().detectionSpec().orElseThrow(() -> new IllegalArgumentException(
                settings.cfg() + " has no [yolo] or [region] layer: the sample needs a detection model")).classes());
        Timed<Detected> detected = log.run("onnx_to_tensorrt.py, inference = trtpipe detect: " + settings.image(),
                () -> detect(settings, built.value().isPresent() ? plan : onnx, built.value().isPresent(), names));
        DetectionResult result = detected.value().result();
        log.detail("ran on %s: %d detections in %.2f s", detected.value().backend(), result.detections().size(), detected.seconds());
        log.detail("wrote %s", detected.value().reports().stream().map(Path::toString).collect(Collectors.joining(", ")));

        return new Yolov3SampleResult(cfg, weights, settings.randomWeights(), onnx,
                built.value().map(BuildReport::plan), detected.value().backend(),
                trt.available() ? Optional.empty() : Optional.of(trt.message()), result, names, detected.value().reports());
    }

    private record Inputs(DarknetModel model, FileIdentity cfg, Path weights) {
    }

    private record Detected(DetectionResult result, String backend, List<Path> reports) {
    }

    /** Parses the cfg, then checks the weights' size (or writes random weights of the right size). */
    private static Inputs inputs(Yolov3SampleSettings settings, String stem) throws IOException {
        DarknetModel model = DarknetModel.parse(settings.cfg());
        Path weights;
        if (settings.weights().isPresent()) {
            weights = settings.weights().get();
            WeightsSizeCheck size = DarknetWeights.check(weights, model);
            if (!size.exact()) {
                throw new IllegalArgumentException(size.message());
            }
        } else {
            weights = settings.outDir().resolve(stem + ".random.weights");
            RandomDarknetWeights.write(model, weights, RandomDarknetWeights.DEFAULT_SEED, RandomDarknetWeights.Objectness.SILENT);
        }
        return new Inputs(model, FileIdentity.of(settings.cfg()), weights);
    }

    private static BuildOptions buildOptions(Yolov3SampleSettings settings) {
        return BuildOptions.builder().precision(settings.precision())
                .optimizationLevel(settings.optimizationLevel().orElse(null)).build();
    }

    private static Detected detect(Yolov3SampleSettings settings, Path model, boolean engine, ClassNames names) throws Exception {
        Timed<RgbImage> image = Timed.of(() -> Images.load(settings.image()));
        try (InferenceBackend backend = engine ? Engine.load(model) : OnnxRuntimeBackend.open(model)) {
            Detector detector = Detector.fromMetadata(model.toString(), backend, DetectorSettings.defaults());
            DetectionResult detected = detector.detect(image.value(), settings.image().toString());
            StageTimings t = detected.timings();
            DetectionResult result = new DetectionResult(detected.source(), detected.image(), detected.detections(),
                    new StageTimings((long) (image.seconds() * 1e9), t.preprocessNanos(), t.inferNanos(), t.postprocessNanos()));
            Path json = DetectionJson.write(result, names, settings.outDir());
            Path png = DetectionPainter.writePng(result, names, detector.spec().classes(), settings.outDir());
            return new Detected(result, backend.name(), List.of(json, png));
        }
    }

    /** The given names; else COCO's for 80-class models (bundled, copied next to the outputs); else numbers. */
    private static ClassNames names(Yolov3SampleSettings settings, int classes) throws IOException {
        if (settings.names().isPresent()) {
            return ClassNames.load(settings.names().get(), classes);
        }
        if (classes != COCO_CLASSES) {
            return ClassNames.numbered();
        }
        Path coco = settings.outDir().resolve(COCO_NAMES);
        try (InputStream in = Yolov3Sample.class.getResourceAsStream(COCO_NAMES)) {
            if (in == null) {
                throw new IllegalStateException("the bundled " + COCO_NAMES + " is missing from this build of trtpipe");
            }
            AtomicFile.writeStream(coco, in::transferTo);
        }
        return ClassNames.load(coco, classes);
    }

    private static String describe(HeadOutput head) {
        return head.tensor() + " " + Arrays.stream(head.dims()).skip(1).mapToObj(String::valueOf).collect(Collectors.joining("x"));
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
