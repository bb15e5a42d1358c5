package dev.trtpipe.tools.selftest;

import java.util.Locale;

/** The self-test report as Markdown tables (printed and saved as {@code selftest.md}). */
final class SelfTestTable {

    private SelfTestTable() {
    }

    static String markdown(GpuSelfTest.Report r) {
        StringBuilder sb = new StringBuilder("GPU self-test on ").append(r.device()).append("\n\n");
        sb.append(String.format(Locale.ROOT, "Process start-up (first build: CUDA context, TensorRT builder resources): %.1f s, "
                + "not included below. fp16 engines use --strict-types (every layer FP16); int8 adds FP16 fallback.%n%n", r.startupSeconds()));
        sb.append("| model | precision | build s | infer() median ms | engine-only median ms | max abs err | rel L2 | detections = CPU | CUDA graph replay | verdict |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (GpuSelfTest.Row row : r.rows()) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.3f | %.3f | %.2e | %.2e | %s | %s | %s |%n", row.model(), row.precision(),
                    row.buildSeconds(), row.inferMedianMs(), row.engineMedianMs(), row.maxAbs(), row.relativeL2(),
                    row.detectionsEqual().replace('|', '/'), row.cudaGraph(), row.verdict().replace('|', '/')));
        }
        sb.append("\n| model | cold build s (empty timing cache) | rebuild s (warm timing cache) | ratio |\n|---|---|---|---|\n");
        for (GpuSelfTest.CacheRow c : r.cache()) {
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2fx |%n", c.model(), c.coldSeconds(), c.warmSeconds(),
                    c.warmSeconds() > 0 ? c.coldSeconds() / c.warmSeconds() : 0));
        }
        sb.append("\n| bad input | handled | message |\n|---|---|---|\n");
        for (GpuSelfTest.BadInputRow b : r.badInputs()) {
            sb.append("| ").append(b.situation()).append(" | ").append(b.handled() ? "yes" : "NO").append(" | ")
                    .append(b.message().replace('|', '/')).append(" |\n");
        }
        sb.append("\nresult: ").append(r.passed() ? "PASS" : "FAIL").append('\n');
        return sb.toString();
    }
}
