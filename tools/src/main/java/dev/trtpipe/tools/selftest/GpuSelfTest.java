package dev.trtpipe.tools.selftest;

import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.BuildReport;
import dev.trtpipe.trt.DarknetPreprocessing;
import dev.trtpipe.trt.Engine;
import dev.trtpipe.trt.EngineBuilder;
import dev.trtpipe.trt.EngineMetadata;
import dev.trtpipe.trt.ImageFolderBatches;
import dev.trtpipe.onnx.OnnxModelInfo;
import dev.trtpipe.trt.OnnxParseException;
import dev.trtpipe.trt.Precision;
import dev.trtpipe.trt.ShapeProfile;
import dev.trtpipe.trt.TrtAvailability;
import dev.trtpipe.trt.check.ErrorStats;
import dev.trtpipe.trt.selftest.SyntheticModels;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * Checks the TensorRT path end to end on a GPU: builds fp32, fp16 and int8 engines of each model,
 * runs them and compares with ONNX Runtime on the CPU, times {@code infer()} against the bare engine
 * loop and a warm-timing-cache rebuild against a cold build, and feeds the bad inputs users hit
 * (parser-rejected model, corrupt plan, plan from another TensorRT). One failing case becomes one row
 * with its error; the table is always printed.
 */
public final class GpuSelfTest {

    /** fp32 (TF32 allowed) and fp16 accuracy targets, relative L2 against ONNX Runtime. */
    static final double FP32_TARGET = 1e-3;
    static final double FP16_TARGET = 5e-3;

    /**
     * @param models         ONNX files; empty: the built-in synthetic models
     * @param images         calibration and test images (int8 is skipped without them)
     * @param work           where engines, caches and the report go
     * @param optimizationLevel builder optimization level (0..5)
     * @param iterations     timed inferences per engine
     * @param comparator     decides whether the engine's detections agree with ONNX Runtime's
     */
    public record Config(List<Path> models, Optional<Path> images, Path work, int optimizationLevel, int iterations,
                         DetectionComparator comparator) {
        public Config {
            models = List.copyOf(models);
            Objects.requireNonNull(comparator, "comparator");
        }

        /** Detections checked with darknet's decoding ({@link DarknetDetectionComparator}). */
        public Config(List<Path> models, Optional<Path> images, Path work, int optimizationLevel, int iterations) {
            this(models, images, work, optimizationLevel, iterations, new DarknetDetectionComparator());
        }
    }

    /** Whether the detections decoded from ONNX Runtime's and the engine's outputs agree. */
    @FunctionalInterface
    public interface DetectionComparator {
        /** @return empty when the model carries nothing to decode them with (the table says n/a) */
        Optional<DetectionCheck> compare(Map<String, String> modelMetadata, Precision precision,
                                         Map<String, float[]> reference, Map<String, float[]> candidate);
    }

    /**
     * @param agree   whether the detections agree within the comparator's tolerances
     * @param summary the table cell, e.g. {@code yes (8 detections)} or what differs first
     */
    public record DetectionCheck(boolean agree, String summary) {
    }

    /** One engine: build, accuracy and speed. */
    /**
     * @param cudaGraph whether later {@code infer()} calls replay a CUDA graph, and whether that gives the
     *                  first (enqueued) call's outputs bit for bit
     */
    public record Row(String model, String precision, double buildSeconds, double inferMedianMs, double engineMedianMs,
                      double maxAbs, double relativeL2, String detectionsEqual, String cudaGraph, String verdict) {

        static Row failed(String model, String precision, String verdict) {
            return new Row(model, precision, 0, 0, 0, 0, 0, "n/a", "n/a", verdict);
        }
    }

    /** A cold build against a rebuild that loads the timing cache the first one saved. */
    public record CacheRow(String model, double coldSeconds, double warmSeconds) {
    }

    /** A deliberate bad input and what the user was told. */
    public record BadInputRow(String situation, boolean handled, String message) {
    }

    /**
     * @param startupSeconds the process's first build (CUDA and TensorRT start-up); kept out of the rows' build times
     */
    public record Report(String device, double startupSeconds, List<Row> rows, List<CacheRow> cache, List<BadInputRow> badInputs) {
        public boolean passed() {
            return rows.stream().allMatch(r -> !r.verdict().startsWith("FAIL") && !r.verdict().startsWith("ERROR"))
                    && badInputs.stream().allMatch(BadInputRow::handled);
        }
    }

    private final Config config;
    private final PrintStream log;

    public GpuSelfTest(Config config, PrintStream log) {
        this.config = config;
        this.log = log;
    }

    public Report run() throws IOException {
        TrtAvailability.require();
        TrtAvailability.Status host = TrtAvailability.probe();
        String device = host.gpuName().orElse("?") + ", TensorRT " + host.tensorRtVersion().orElse("?");
        log.println("selftest-gpu on " + device);
        Files.createDirectories(config.work());
        List<Path> models = new ArrayList<>(config.models());
        if (models.isEmpty()) {
            models.add(write("synthetic-static.onnx", SyntheticModels.convNet(1, 1)));
            models.add(write("synthetic-dynamic.onnx", SyntheticModels.convNet(-1, 2)));
            models.add(write("synthetic-two-inputs.onnx", SyntheticModels.twoInputs(3, 1f)));
        }
        double startup = startUp();
        List<Row> rows = new ArrayList<>();
        List<CacheRow> cache = new ArrayList<>();
        List<ModelCase> cases = new ArrayList<>();
        for (Path model : models) {
            prepare(model, rows).ifPresent(cases::add);
        }
        // INT8 last: its calibrator is the only part where TensorRT calls back into Java
        for (ModelCase c : cases) {
            Row fp32 = buildAndRun(c, Precision.FP32);
            rows.add(fp32);
            if (!fp32.verdict().startsWith("ERROR")) {
                Row warm = buildAndRun(c, Precision.FP32);
                if (!warm.verdict().startsWith("ERROR")) {
                    cache.add(new CacheRow(c.name(), fp32.buildSeconds(), warm.buildSeconds()));
                }
            }
            rows.add(buildAndRun(c, Precision.FP16));
        }
        List<BadInputRow> bad = badInputs(models.get(0));
        for (ModelCase c : cases) {
            if (config.images().isEmpty()) {
                rows.add(Row.failed(c.name(), "int8", "SKIPPED: needs --images for calibration"));
            } else if (c.tensors().isPresent()) {
                rows.add(Row.failed(c.name(), "int8", "SKIPPED: not an image model; image calibration cannot feed it"
                        + " (build it with --calib-cache instead)"));
            } else if (c.shape().length != 4 || c.shape()[1] != 3) {
                // the calibrator feeds images as darknet prepares them; a cache made for the model is the other way
                rows.add(Row.failed(c.name(), "int8", "SKIPPED: image calibration feeds NCHW with 3 RGB channels, this model's input is "
                        + ShapeProfile.format(c.shape()) + " (build it with --calib-cache instead)"));
            } else {
                rows.add(buildAndRun(c, Precision.INT8));
            }
        }
        Report report = new Report(device, startup, rows, cache, bad);
        String table = SelfTestTable.markdown(report);
        Files.writeString(config.work().resolve("selftest.md"), table, StandardCharsets.UTF_8);
        return report;
    }

    /**
     * The first build in a process also pays for loading TensorRT's builder resources and creating the
     * CUDA context (seconds); one throwaway build keeps that out of the cold-versus-warm comparison.
     */
    private double startUp() {
        long t0 = System.nanoTime();
        try {
            Path model = write("startup.onnx", SyntheticModels.convNet(1, 0));
            EngineBuilder.create().build(model, config.work().resolve("startup.plan"), BuildOptions.builder().optimizationLevel(0).build());
        } catch (Exception | LinkageError e) {
            log.println("  start-up build failed: " + oneLine(e));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        log.printf(Locale.ROOT, "  start-up (first build in this process): %.1f s%n", seconds);
        return seconds;
    }

    /**
     * A model with its test input and ONNX Runtime's outputs for it; {@code tensors} instead for a model
     * that is not an image detector (then {@code input} and {@code reference} are empty).
     */
    private record ModelCase(String name, Path path, OnnxModelInfo info, float[] input, long[] shape,
                             Map<String, float[]> reference, boolean dynamicBatch, Path timingCache,
                             Optional<TensorCheckCase> tensors) {
    }

    private Optional<ModelCase> prepare(Path model, List<Row> rows) {
        String name = model.getFileName().toString();
        try {
            byte[] onnx = Files.readAllBytes(model);
            OnnxModelInfo info = OnnxModelInfo.parse(onnx, model.toString());
            Path timing = config.work().resolve(name + ".timing.cache");
            Files.deleteIfExists(timing); // the first fp32 build is the cold one
            if (TensorCheckCase.applies(info)) {
                TensorCheckCase tensors = TensorCheckCase.prepare(model, info, 42);
                return Optional.of(new ModelCase(name, model, info, new float[0], tensors.firstInputShape(), Map.of(),
                        tensors.dynamicBatch(), timing, Optional.of(tensors)));
            }
            TensorInfo in = info.inputs().get(0);
            long[] shape = in.shape();
            shape[0] = shape[0] < 0 ? 2 : shape[0]; // a dynamic batch is exercised at 2
            if (Arrays.stream(shape).anyMatch(d -> d < 0)) {
                throw new IllegalArgumentException("input " + in + " has dynamic dimensions besides the batch");
            }
            float[] input = testInput(name, info, shape);
            Map<String, float[]> reference;
            try (OnnxRuntimeBackend cpu = OnnxRuntimeBackend.fromBytes(onnx, model.toString(), 0)) {
                reference = cpu.infer(input, shape);
            }
            return Optional.of(new ModelCase(name, model, info, input, shape, reference, in.shape()[0] < 0, timing, Optional.empty()));
        } catch (Exception | LinkageError e) {
            rows.add(Row.failed(name, "-", "ERROR " + oneLine(e)));
            return Optional.empty();
        }
    }

    private Row buildAndRun(ModelCase c, Precision precision) {
        String name = c.name();
        long[] shape = c.shape();
        float[] input = c.input();
        String p = precision.cliName();
        log.println("  " + name + " " + p + ": building ...");
        try {
            BuildOptions.Builder options = BuildOptions.builder().precision(precision)
                    .optimizationLevel(config.optimizationLevel()).timingCache(c.timingCache()).int8Fp16Fallback(true)
                    // fp16 with strict types: every layer in FP16, so the accuracy row measures FP16 arithmetic
                    .strictTypes(precision == Precision.FP16);
            if (c.dynamicBatch()) {
                options.batchRange(new BuildOptions.BatchRange(1, (int) shape[0], 4));
            }
            if (precision == Precision.INT8) {
                options.calibrationImages(config.images().get()).calibrationBatchSize((int) shape[0])
                        .calibrationCache(config.work().resolve(name + ".calib.cache"));
            }
            Path plan = config.work().resolve(name.replaceFirst("\\.onnx$", "") + "-" + p + ".plan");
            BuildReport built = EngineBuilder.create().build(c.path(), plan, options.build());
            try (Engine engine = Engine.load(plan)) {
                if (c.tensors().isPresent()) {
                    return checkedRow(c.tensors().get(), engine, name, precision, built);
                }
                Map<String, float[]> out = engine.infer(input, shape);
                ErrorStats err = ErrorStats.compare(c.reference(), out);
                double[] inferMs = new double[config.iterations()];
                for (int i = 0; i < inferMs.length; i++) {
                    long t0 = System.nanoTime();
                    engine.infer(input, shape);
                    inferMs[i] = (System.nanoTime() - t0) / 1e6;
                }
                double engineMs = median(engine.timeEngineOnly(10, config.iterations()));
                ErrorStats replay = ErrorStats.compare(out, engine.infer(input, shape));
                boolean graph = engine.timeGraphLaunch(0, 1).isPresent();
                Optional<DetectionCheck> detections = config.comparator().compare(c.info().metadata(), precision, c.reference(), out);
                Row row = new Row(name, p, built.buildSeconds(), median(inferMs), engineMs, err.maxAbs(), err.relativeL2(),
                        detections.map(DetectionCheck::summary).orElse("n/a"), graphSummary(graph, replay),
                        replay.maxAbs() == 0 ? verdict(precision, err, detections) : "FAIL (a later infer() differs from the first)");
                log.printf(Locale.ROOT, "  %s %s: built in %.1f s, rel-L2 %.2e, infer %.3f ms, engine %.3f ms%n",
                        name, p, row.buildSeconds(), row.relativeL2(), row.inferMedianMs(), row.engineMedianMs());
                return row;
            }
        } catch (Exception | LinkageError e) {
            log.println("  " + name + " " + p + ": " + oneLine(e));
            return Row.failed(name, p, "ERROR " + oneLine(e));
        }
    }

    /** A model that is not an image detector, through {@code trtpipe check}'s path: outputs compared one by one. */
    private Row checkedRow(TensorCheckCase tensors, Engine engine, String name, Precision precision, BuildReport built) {
        TensorCheckCase.Measured m = tensors.measure(engine, config.iterations());
        double engineMs = median(engine.timeEngineOnly(10, config.iterations()));
        Row row = new Row(name, precision.cliName(), built.buildSeconds(), median(m.runMs()), engineMs, m.error().maxAbs(),
                m.error().relativeL2(), "n/a (not a detector)",
                "no (check path enqueues), " + (m.replay() == 0 ? "bit-identical" : String.format(Locale.ROOT, "DIFFERS by up to %.2e", m.replay())),
                m.replay() == 0 ? verdict(precision, m.error(), Optional.empty()) : "FAIL (a later run differs from the first)");
        log.printf(Locale.ROOT, "  %s %s: built in %.1f s, worst rel-L2 over outputs %.2e, run %.3f ms, engine %.3f ms%n",
                name, row.precision(), row.buildSeconds(), row.relativeL2(), row.inferMedianMs(), row.engineMedianMs());
        return row;
    }

    private static String graphSummary(boolean captured, ErrorStats replay) {
        String same = replay.maxAbs() == 0 ? "bit-identical" : String.format(Locale.ROOT, "DIFFERS by up to %.2e", replay.maxAbs());
        return (captured ? "yes, " : "no (enqueue), ") + same;
    }

    /** fp32 and fp16 fail on either the output error or detections that differ; int8 has no target. */
    static String verdict(Precision precision, ErrorStats err, Optional<DetectionCheck> detections) {
        if (precision != Precision.INT8 && detections.isPresent() && !detections.get().agree()) {
            return "FAIL (detections differ)";
        }
        return switch (precision) {
            case FP32 -> err.relativeL2() <= FP32_TARGET ? "ok (<= 1e-3)" : "FAIL (> 1e-3)";
            case FP16 -> err.relativeL2() <= FP16_TARGET ? "ok (<= 5e-3)" : "FAIL (> 5e-3)";
            case INT8 -> "reported (no target)";
        };
    }

    /** Bad inputs a user can hit, each expected to end in one plain message. */
    private List<BadInputRow> badInputs(Path goodModel) {
        List<BadInputRow> rows = new ArrayList<>();
        rows.add(expect("ONNX the parser rejects", () -> {
            Path m = write("unsupported.onnx", SyntheticModels.unsupportedOperator());
            try {
                EngineBuilder.create().build(m, config.work().resolve("unsupported.plan"), BuildOptions.builder().build());
                return "built without complaint";
            } catch (OnnxParseException e) {
                boolean named = e.errors().stream().anyMatch(x -> x.nodeName().equals(SyntheticModels.BOGUS_NODE));
                return (named ? "OK " : "NO NODE NAME ") + e.getMessage();
            }
        }));
        rows.add(expect("dynamic model without -p", () -> {
            Path m = write("dynamic-noprofile.onnx", SyntheticModels.convNet(-1, 3));
            try {
                EngineBuilder.create().build(m, config.work().resolve("dynamic-noprofile.plan"), BuildOptions.builder().build());
                return "built without complaint";
            } catch (IllegalArgumentException e) {
                return (e.getMessage().contains("-p images,") ? "OK " : "NO -p LINE ") + e.getMessage();
            }
        }));
        rows.add(expect("int8 without calibration data", () -> {
            try {
                EngineBuilder.create().build(goodModel, config.work().resolve("int8-nocalib.plan"),
                        BuildOptions.builder().precision(Precision.INT8).build());
                return "built without complaint";
            } catch (IllegalArgumentException e) {
                return "OK " + e.getMessage();
            }
        }));
        Optional<Path> plan = firstPlan();
        rows.add(expect("corrupt plan (random bytes)", () -> {
            byte[] junk = new byte[4096];
            new Random(7).nextBytes(junk);
            return loadFails(write("corrupt.plan", junk));
        }));
        rows.add(expect("truncated plan", () -> {
            byte[] real = Files.readAllBytes(plan.orElseThrow(() -> new IllegalStateException("no engine was built")));
            return loadFails(write("truncated.plan", Arrays.copyOf(real, real.length / 2)));
        }));
        rows.add(expect("plan from another TensorRT version (sidecar says 10.3.0)", () -> {
            Path src = plan.orElseThrow(() -> new IllegalStateException("no engine was built"));
            Path copy = write("other-version.plan", Files.readAllBytes(src));
            EngineMetadata m = EngineMetadata.readFor(src).orElseThrow();
            new EngineMetadata(m.format(), m.sourceOnnx(), m.sourceOnnxSha256(), m.precision(), "10.3.0", m.gpuName(), m.inputs(),
                    m.outputs(), m.profiles(), m.buildSeconds(), m.modelMetadata()).writeFor(copy);
            return loadFails(copy);
        }));
        return rows;
    }

    private String loadFails(Path plan) throws IOException {
        try (Engine e = Engine.load(plan)) {
            return "loaded without complaint";
        } catch (RuntimeException e) {
            return "OK " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** An fp32 engine of the models under test, else the start-up build's: the plan rows must not fail for want of one. */
    private Optional<Path> firstPlan() {
        try (var s = Files.list(config.work())) {
            Optional<Path> built = s.filter(p -> p.toString().endsWith("-fp32.plan")).sorted().findFirst();
            Path startup = config.work().resolve("startup.plan");
            return built.or(() -> Files.isRegularFile(startup) ? Optional.of(startup) : Optional.empty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @FunctionalInterface
    private interface Case {
        String run() throws Exception;
    }

    private BadInputRow expect(String situation, Case c) {
        try {
            String outcome = c.run();
            boolean ok = outcome.startsWith("OK ");
            log.println("  bad input: " + situation + ": " + outcome);
            return new BadInputRow(situation, ok, ok ? outcome.substring(3) : outcome);
        } catch (Exception | LinkageError e) {
            return new BadInputRow(situation, false, "unexpected " + oneLine(e));
        }
    }

    /** The images prepared as the model's detector would prepare them (RGB inputs), else seeded noise. */
    private float[] testInput(String name, OnnxModelInfo info, long[] shape) throws IOException {
        int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] data = new float[n];
        if (config.images().isPresent() && shape.length == 4 && shape[1] == 3) {
            List<Path> images = ImageFolderBatches.list(config.images().get());
            DarknetPreprocessing preprocessing = DarknetPreprocessing.forModel(name, info.metadata());
            int item = (int) (shape[1] * shape[2] * shape[3]);
            for (int b = 0; b < shape[0] && !images.isEmpty(); b++) {
                float[] t = preprocessing.toTensor(images.get(b % images.size()), 3, (int) shape[2], (int) shape[3]);
                System.arraycopy(t, 0, data, b * item, item);
            }
            return data;
        }
        Random random = new Random(42);
        for (int i = 0; i < n; i++) {
            data[i] = random.nextFloat();
        }
        return data;
    }

    private Path write(String fileName, byte[] bytes) throws IOException {
        Path p = config.work().resolve(fileName);
        Files.write(p, bytes);
        return p;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length == 0 ? 0 : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String oneLine(Throwable e) {
        return e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' ');
    }
}
