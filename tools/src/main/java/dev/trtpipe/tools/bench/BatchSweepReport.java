package dev.trtpipe.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

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
        sb.append(String.format(Locale.ROOT, "%s (%s) on %s, decoded once; pool: %d threads over %d instance%s; %d rounds of %s"
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
        return sb.toString();
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
            row.pooledGpuPreprocess().ifPresent(g -> o.put("detect_pooled_gpu_preprocess_images_per_second", g.median().imagesPerSecond()));
            row.gpuPreprocessRatio().ifPresent(x -> o.put("gpu_preprocess_ratio", x));
        }
        return root.toString();
    }
}
