package dev.trtpipe.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;

/** {@code bench-detect}'s output: a table for people, one JSON object for scripts. */
public final class DetectBenchReport {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ROW = "%-34s %7s %7s %9s %9s %15s  %s%n";

    private DetectBenchReport() {
    }

    public static String table(DetectBenchResult r) {
        DetectBenchResult.Subject s = r.subject();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s (%s, %dx%d input) on %s (%dx%d, %d detections, decoded once)%n",
                s.model(), s.backend(), s.inputWidth(), s.inputHeight(), s.image(), s.imageWidth(), s.imageHeight(), s.detections()));
        sb.append(String.format(Locale.ROOT, "%d rounds of the four stages, each stage %s after a warm-up of %s; pool: %d threads over"
                        + " %d backend instance%s; median round shown%n", r.rounds(), r.budget().describe(), r.budget().warmup().describe(),
                r.threads(), r.instances(), r.instances() == 1 ? "" : "s"));
        sb.append(String.format(Locale.ROOT, ROW, "stage", "images", "seconds", "images/s", "ms/image", "range images/s", "vs " + r.baselineName()));
        row(sb, "(a) backend only: infer()", Optional.of(r.backendOnly()), r);
        row(sb, "(b) engine only: enqueue + sync", r.engineOnly(), r);
        r.graphOnly().ifPresent(g -> row(sb, "(b') engine only: graph launch + sync", Optional.of(g), r));
        row(sb, "(c) detect, 1 thread", Optional.of(r.singleThread()), r);
        row(sb, "(d) detect, pool of " + r.threads() + " threads", Optional.of(r.pooled()), r);
        sb.append(r.verdict()).append(System.lineSeparator());
        return sb.toString();
    }

    private static void row(StringBuilder sb, String stage, Optional<StageRuns> runs, DetectBenchResult r) {
        if (runs.isEmpty()) {
            sb.append(String.format(Locale.ROOT, ROW, stage, "-", "-", "-", "-", "-", "(not a TensorRT engine)"));
            return;
        }
        Throughput m = runs.get().median();
        sb.append(String.format(Locale.ROOT, ROW, stage, m.images(), String.format(Locale.ROOT, "%.2f", m.seconds()),
                String.format(Locale.ROOT, "%.1f", m.imagesPerSecond()), String.format(Locale.ROOT, "%.3f", m.millisPerImage()),
                String.format(Locale.ROOT, "%.0f-%.0f", runs.get().slowestPerSecond(), runs.get().fastestPerSecond()),
                String.format(Locale.ROOT, "%.1f%%", 100 * m.relativeTo(r.baseline()))));
    }

    public static String json(DetectBenchResult r) {
        DetectBenchResult.Subject s = r.subject();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", s.model());
        root.put("backend", s.backend());
        root.put("input_width", s.inputWidth());
        root.put("input_height", s.inputHeight());
        root.put("image", s.image());
        root.put("image_width", s.imageWidth());
        root.put("image_height", s.imageHeight());
        root.put("detections", s.detections());
        root.put("threads", r.threads());
        root.put("instances", r.instances());
        root.put("rounds", r.rounds());
        if (r.budget().counted()) {
            root.put("iterations_per_round", r.budget().iterations());
        } else {
            root.put("seconds_per_round", r.budget().seconds());
        }
        ObjectNode stages = root.putObject("stages");
        stage(stages, "backend_only", Optional.of(r.backendOnly()));
        stage(stages, "engine_only", r.engineOnly());
        stage(stages, "engine_only_cuda_graph", r.graphOnly());
        stage(stages, "detect_single_thread", Optional.of(r.singleThread()));
        stage(stages, "detect_pooled", Optional.of(r.pooled()));
        root.put("baseline", r.baselineName());
        root.put("ratio_single_thread", r.singleThreadRatio());
        root.put("ratio_pooled", r.pooledRatio());
        root.put("target", DetectBenchResult.TARGET);
        root.put("meets_target", r.meetsTarget());
        root.put("verdict", r.verdict());
        return root.toString();
    }

    /** The median round's figures, and every round's images/s. */
    private static void stage(ObjectNode stages, String name, Optional<StageRuns> runs) {
        if (runs.isEmpty()) {
            stages.putNull(name);
            return;
        }
        Throughput m = runs.get().median();
        ObjectNode o = stages.putObject(name);
        o.put("images", m.images());
        o.put("seconds", m.seconds());
        o.put("images_per_second", m.imagesPerSecond());
        o.put("ms_per_image", m.millisPerImage());
        ArrayNode rounds = o.putArray("rounds_images_per_second");
        runs.get().rounds().forEach(t -> rounds.add(t.imagesPerSecond()));
    }
}
