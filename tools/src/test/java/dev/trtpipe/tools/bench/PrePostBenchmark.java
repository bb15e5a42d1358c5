package dev.trtpipe.tools.bench;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.DetectionSpec.Head;
import dev.trtpipe.darknet.DetectionSpec.HeadKind;
import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.DetectorSettings;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.PostprocessSettings;
import dev.trtpipe.detect.postprocess.Postprocessor;
import dev.trtpipe.detect.preprocess.ImageLoader;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.Preprocessor;
import dev.trtpipe.detect.preprocess.ResizeImplementation;
import dev.trtpipe.detect.preprocess.RgbImage;
import dev.trtpipe.detect.testing.SharedRefs;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Cost of darknet-exact pre- and post-processing per image on one thread against ONNX Runtime's CPU
 * inference of the same model, measured in the same run; the preprocessing also as {@code detect} runs it
 * (row bands on the common pool). The resize runs in the implementation new preprocessors pick (native
 * where the library loaded); the one-thread pipeline is then timed again with every other available one,
 * the Java kernel being the baseline ({@code -Dtrtpipe.native=false}: Java only). Not part of the test suite (the class name does
 * not match Surefire's patterns); run it explicitly:
 *
 * <pre>
 * mvn -B -o -pl tools -am test -Dtest=PrePostBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     [-Dbench.model=yolov3.onnx] [-Dbench.image=../shared/images/dog.jpg] [-Dbench.iterations=1000]
 * </pre>
 *
 * Without {@code bench.model} the heads are synthetic YOLOv3-608 tensors (255×19×19, 255×38×38,
 * 255×76×76, 80 classes, ~1 % of slots above the threshold) and there is no inference to compare with;
 * with it, ONNX Runtime is timed too and the model's own outputs on the image are post-processed — unless
 * they look untrained (random weights, as {@code bench-convert} makes for full-size models: more than 5 %
 * of the slots above the threshold), in which case synthetic heads of the model's shapes stand in.
 */
class PrePostBenchmark {

    /** Above this share of candidate slots a model's outputs are not a trained detector's (trained: ~1 %). */
    private static final double UNTRAINED_SHARE = 0.05;

    @Test
    void run() throws Exception {
        main(new String[0]);
    }

    public static void main(String[] args) throws Exception {
        Path imagePath = Path.of(System.getProperty("bench.image", SharedRefs.resolve("images/dog.jpg").toString()));
        int iterations = Integer.getInteger("bench.iterations", 1000);
        String modelPath = System.getProperty("bench.model");

        long t0 = System.nanoTime();
        RgbImage image = ImageLoader.load(imagePath);
        double loadMs = (System.nanoTime() - t0) / 1e6;

        if (modelPath == null) {
            DetectionSpec spec = yolov3Spec();
            float[][] heads = syntheticHeads(spec, new SplittableRandom(42));
            report("synthetic YOLOv3-608 heads", image, imagePath, loadMs, spec, heads, iterations, Double.NaN);
            return;
        }
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.open(Path.of(modelPath))) {
            Detector detector = Detector.fromMetadata(modelPath, backend, DetectorSettings.defaults());
            DetectionSpec spec = detector.spec();
            Preprocessor pre = new Preprocessor(spec.inputWidth(), spec.inputHeight(), detector.letterbox());
            float[] input = pre.toTensor(image);
            long[] shape = {1, 3, spec.inputHeight(), spec.inputWidth()};
            Map<String, float[]> outputs = backend.infer(input, shape);
            for (int i = 0; i < 4; i++) {
                backend.infer(input, shape);
            }
            int runs = Math.max(10, iterations / 50);
            double[] inferMs = new double[runs];
            for (int i = 0; i < runs; i++) {
                long s = System.nanoTime();
                backend.infer(input, shape);
                inferMs[i] = (System.nanoTime() - s) / 1e6;
            }
            float[][] heads = spec.heads().stream().map(h -> outputs.get(h.outputName())).toArray(float[][]::new);
            int slots = spec.heads().stream().mapToInt(h -> h.anchorCount() * h.gridWidth() * h.gridHeight()).sum();
            int candidates = new Postprocessor(spec, PostprocessSettings.defaultsFor(spec)).decode(heads, 0).size();
            String what = modelPath;
            if (candidates > UNTRAINED_SHARE * slots) {
                // random weights: a network that calls most slots an object makes NMS quadratic in thousands of boxes
                what += String.format(Locale.ROOT, " (its own outputs have %d of %d slots above the threshold, not a trained"
                        + " network's ~1 %%: random weights? post-processing synthetic trained-like heads of its shapes)", candidates, slots);
                heads = syntheticHeads(spec, new SplittableRandom(42));
            }
            report(what, image, imagePath, loadMs, spec, heads, iterations, median(inferMs));
        }
    }

    private static void report(String what, RgbImage image, Path imagePath, double loadMs, DetectionSpec spec,
                               float[][] heads, int iterations, double inferMs) {
        Preprocessor pre = new Preprocessor(spec.inputWidth(), spec.inputHeight(), spec.letterbox());
        Postprocessor post = new Postprocessor(spec, PostprocessSettings.defaultsFor(spec));
        ImagePlacement placement = pre.placement(image.width(), image.height());
        int warmup = Math.max(100, iterations / 5);
        PipelineTimes active = timePipeline(pre.sequential(), post, image, heads, placement, warmup, iterations);
        // the banded preprocessing in its own loop: interleaved with the one-thread runs, each would find
        // the tensor's cache lines on the other core and both would look slower than they are
        float[] tensor = new float[pre.tensorSize()];
        double[] bandedMs = new double[iterations];
        for (int i = -warmup; i < iterations; i++) {
            long s = System.nanoTime();
            pre.write(image, tensor, 0);
            long e = System.nanoTime();
            if (i >= 0) {
                bandedMs[i] = (e - s) / 1e6;
            }
        }
        // the same single-threaded pipeline with every other resize implementation, the Java one the baseline
        Map<ResizeImplementation, PipelineTimes> others = new EnumMap<>(ResizeImplementation.class);
        for (ResizeImplementation other : ResizeImplementation.values()) {
            if (other != pre.implementation() && other.isAvailable()) {
                others.put(other, timePipeline(pre.sequential().using(other), post, image, heads, placement, warmup, iterations));
            }
        }
        int candidates = post.decode(heads, 0).size();
        double prePost = median(active.pipelineMs);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n== trtpipe pre/post benchmark: %s%n", what));
        sb.append(String.format(Locale.ROOT, "image %s %dx%d -> input %dx%d (%s); %d heads, %d classes; %d candidates above %.2f, %d detections after %s NMS%n",
                imagePath.getFileName(), image.width(), image.height(), spec.inputWidth(), spec.inputHeight(),
                spec.letterbox() ? "letterbox" : "resize", spec.heads().size(), spec.classes(), candidates,
                post.settings().threshold(), active.detections, post.settings().nmsKind().cfgName()));
        sb.append(String.format(Locale.ROOT, "resize %s; %s%n", pre.implementation(), ResizeImplementation.nativeStatus()));
        sb.append(String.format(Locale.ROOT, "%d iterations after %d warm-up, %d cores, load average %.2f (wall median / p90 ms; thread CPU mean ms):%n",
                iterations, warmup, Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        sb.append(String.format(Locale.ROOT, "  image load (JPEG decode, once)  %8.3f%n", loadMs));
        sb.append(String.format(Locale.ROOT, "  preprocess, one thread          %8.3f / %.3f;  cpu %.3f   (%s)%n", median(active.preMs),
                percentile(active.preMs, 0.9), active.preCpuMs, pre.implementation()));
        sb.append(String.format(Locale.ROOT, "  postprocess (decode+NMS)        %8.3f / %.3f;  cpu %.3f%n", median(active.postMs),
                percentile(active.postMs, 0.9), active.postCpuMs));
        sb.append(String.format(Locale.ROOT, "  pre + post, one thread          %8.3f / %.3f;  cpu %.3f   (target < 2 ms)%n", prePost,
                percentile(active.pipelineMs, 0.9), active.preCpuMs + active.postCpuMs));
        sb.append(String.format(Locale.ROOT, "  preprocess, row bands (detect)  %8.3f / %.3f   (%.2fx one thread)%n", median(bandedMs),
                percentile(bandedMs, 0.9), median(active.preMs) / median(bandedMs)));
        others.forEach((other, t) -> sb.append(String.format(Locale.ROOT,
                "  %-14s preprocess, one thread %8.3f / %.3f;  cpu %.3f;  pre + post %.3f   (%s: %.2fx faster preprocessing)%n",
                other + ":", median(t.preMs), percentile(t.preMs, 0.9), t.preCpuMs, median(t.pipelineMs), pre.implementation(),
                median(t.preMs) / median(active.preMs))));
        if (!Double.isNaN(inferMs)) {
            sb.append(String.format(Locale.ROOT, "  ONNX Runtime CPU inference      %8.3f   (median, default threads)%n", inferMs));
            sb.append(String.format(Locale.ROOT, "  (pre + post) / inference        %8.2f %%  (target < 10 %%)%n", 100 * prePost / inferMs));
        } else {
            sb.append("  ONNX Runtime inference: not measured (pass -Dbench.model=<converted .onnx>)\n");
        }
        System.out.print(sb);
    }

    /** Per-image times of one single-threaded pipeline run (ms), and the mean thread CPU time per image. */
    private record PipelineTimes(double[] preMs, double[] postMs, double[] pipelineMs, double preCpuMs, double postCpuMs, int detections) {
    }

    /** One image after the other on this thread, pre then post, as a single-threaded pipeline runs them. */
    private static PipelineTimes timePipeline(Preprocessor oneThread, Postprocessor post, RgbImage image, float[][] heads,
                                              ImagePlacement placement, int warmup, int iterations) {
        double[] preMs = new double[iterations];
        double[] postMs = new double[iterations];
        double[] pipelineMs = new double[iterations];
        List<Detection> detections = List.of();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long preCpu = 0;
        long postCpu = 0;
        float[] tensor = new float[oneThread.tensorSize()]; // reused across images, as the Detector does
        float[][] fresh = Arrays.stream(heads).map(h -> new float[h.length]).toArray(float[][]::new);
        for (int i = -warmup; i < iterations; i++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            long s = System.nanoTime();
            oneThread.write(image, tensor, 0);
            long m0 = System.nanoTime();
            long c1 = cpu.getCurrentThreadCpuTime();
            // untimed: inference ends by copying its outputs into new Java arrays (OnnxRuntimeBackend.infer),
            // so post-processing reads heads just written, not ones the preprocessing pushed out of the cache
            for (int h = 0; h < heads.length; h++) {
                System.arraycopy(heads[h], 0, fresh[h], 0, heads[h].length);
            }
            long c2 = cpu.getCurrentThreadCpuTime();
            long m = System.nanoTime();
            detections = post.process(fresh, 0, placement);
            long e = System.nanoTime();
            long c3 = cpu.getCurrentThreadCpuTime();
            if (i >= 0) {
                preMs[i] = (m0 - s) / 1e6;
                postMs[i] = (e - m) / 1e6;
                pipelineMs[i] = preMs[i] + postMs[i];
                preCpu += c1 - c0;
                postCpu += c3 - c2;
            }
        }
        return new PipelineTimes(preMs, postMs, pipelineMs, preCpu / 1e6 / iterations, postCpu / 1e6 / iterations, detections.size());
    }

    /** YOLOv3 at 608×608 (models/darknet/cfg/pjreddie/yolov3.cfg): heads 82, 94, 106, coarsest first. */
    static DetectionSpec yolov3Spec() {
        float[] anchors = {10, 13, 16, 30, 33, 23, 30, 61, 62, 45, 59, 119, 116, 90, 156, 198, 373, 326};
        return new DetectionSpec(608, 608, 3, false, NmsKind.DEFAULT, 0.6f, List.of(
                new Head(81, HeadKind.YOLO, "yolo_82", 19, 19, 80, Arrays.copyOfRange(anchors, 12, 18), 1f, false),
                new Head(93, HeadKind.YOLO, "yolo_94", 38, 38, 80, Arrays.copyOfRange(anchors, 6, 12), 1f, false),
                new Head(105, HeadKind.YOLO, "yolo_106", 76, 76, 80, Arrays.copyOfRange(anchors, 0, 6), 1f, false)));
    }

    /**
     * Raw logits shaped like a trained network's: objectness ~ N(−7, 2.5) (about 1 % of slots above
     * 0.25), class logits ~ N(−5, 2.5), offsets ~ N(0, 1), log sizes ~ N(0, 0.5).
     */
    static float[][] syntheticHeads(DetectionSpec spec, SplittableRandom rng) {
        float[][] heads = new float[spec.heads().size()][];
        for (int h = 0; h < heads.length; h++) {
            Head head = spec.heads().get(h);
            int plane = head.gridWidth() * head.gridHeight();
            float[] t = new float[head.channels() * plane];
            for (int a = 0; a < head.anchorCount(); a++) {
                for (int e = 0; e < 5 + head.classes(); e++) {
                    double mean = e == 4 ? -7 : e >= 5 ? -5 : 0;
                    double sd = e == 4 || e >= 5 ? 2.5 : e < 2 ? 1 : 0.5;
                    int base = (a * (5 + head.classes()) + e) * plane;
                    for (int i = 0; i < plane; i++) {
                        t[base + i] = (float) (mean + sd * gaussian(rng));
                    }
                }
            }
            heads[h] = t;
        }
        return heads;
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static double median(double[] values) {
        return percentile(values, 0.5);
    }

    private static double percentile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))];
    }
}
