package dev.trtpipe.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code bench-detect --batches}' output: one row per batch size, a table for people, one JSON object for scripts. */
public final class BatchSweepReport {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ROW = "%6s %16s %16s %18s %12s%n";
    /** Appended to each line when the sweep also measured pooled detect with GPU preprocessing. */
    private static final String GPU_COLUMNS = " %20s %12s%n";

    private BatchSweepReport() {
    }

    public static String table(BatchSweep.Result r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s (%s) on %s, decoded once, pooled runs on distinct copies of it; pool: %d threads over %d instance%s; %d rounds of %s"
                        + " per stage and batch, medians%n", r.model(), r.backend(), r.image(), r.threads(), r.instances(),
                r.instances() == 1 ? "" : "s", r.rounds(), r.budget().describe()));
        String baseline = r.rows().isEmpty() ? "baseline" : r.rows().get(0).baselineName().replace('_', '-');
        boolean gpu = r.rows().stream().anyMatch(row -> row.pooledGpuPreprocess().isPresent());
        String header = String.format(Locale.ROOT, ROW, "batch", baseline + " img/s", "graph-only img/s", "detect pooled img/s", "% of " + baseline);
        sb.append(gpu ? header.stripTrailing() + String.format(Locale.ROOT, GPU_COLUMNS, "gpu-preprocess img/s", "% of " + baseline) : header);
        for (BatchSweep.Row row : r.rows()) {
            String line = String.format(Locale.ROOT, ROW, row.batch(), perSecond(row.baseline()),
                    row.graphOnly().map(BatchSweepReport::perSecond).orElse("-"), perSecond(row.pooled()),
                    String.format(Locale.ROOT, "%.1f%%", 100 * row.ratio()));
            sb.append(gpu ? line.stripTrailing() + String.format(Locale.ROOT, GPU_COLUMNS,
                    row.pooledGpuPreprocess().map(BatchSweepReport::perSecond).orElse("-"),
                    row.gpuPreprocessRatio().map(x -> String.format(Locale.ROOT, "%.1f%%", 100 * x)).orElse("-")) : line);
        }
        if (!r.rows().isEmpty()) {
            sb.append(distinctNote(r));
        }
        return sb.toString();
    }

    /** What the pools cycled through: distinct copies, so that their pixels come from DRAM as in a real run. */
    private static String distinctNote(BatchSweep.Result r) {
        String counts = r.rows().stream().map(row -> row.distinctImages() + " (batch " + row.batch() + ")")
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "pooled runs cycled through %s distinct copies of the image, one byte changed in each,"
                + " together more than a CPU cache holds%s%n", counts,
                r.rows().stream().anyMatch(row -> row.pooledGpuPreprocess().isPresent())
                        ? "; the GPU-preprocessing pool's copies are in the engine's pinned memory, uploaded from where they lie" : "");
    }

    private static String perSecond(StageRuns runs) {
        return String.format(Locale.ROOT, "%.1f", runs.median().imagesPerSecond());
    }

    public static String json(BatchSweep.Result r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", r.model());
        root.put("backend", r.backend());
        root.put("image", r.image());
        root.put("threads", r.threads());
        root.put("instances", r.instances());
        root.put("rounds", r.rounds());
        ArrayNode rows = root.putArray("batches");
        for (BatchSweep.Row row : r.rows()) {
            ObjectNode o = rows.addObject();
            o.put("batch", row.batch());
            o.put("baseline", row.baselineName());
            o.put("baseline_images_per_second", row.baseline().median().imagesPerSecond());
            row.graphOnly().ifPresent(g -> o.put("graph_only_images_per_second", g.median().imagesPerSecond()));
            o.put("detect_pooled_images_per_second", row.pooled().median().imagesPerSecond());
            o.put("ratio", row.ratio());
            o.put("distinct_images", row.distinctImages());
            row.pooledGpuPreprocess().ifPresent(g -> o.put("detect_pooled_gpu_preprocess_images_per_second", g.median().imagesPerSecond()));
            row.gpuPreprocessRatio().ifPresent(x -> o.put("gpu_preprocess_ratio", x));
        }
        return root.toString();
    }
}
