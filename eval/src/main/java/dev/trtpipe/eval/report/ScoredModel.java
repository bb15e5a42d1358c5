package dev.trtpipe.eval.report;

import dev.trtpipe.eval.EvalReport;
import java.util.Objects;

/**
 * One row of the eval table: what was scored (a model or a results file), its scores, and the seconds it
 * took (detection and scoring).
 */
public record ScoredModel(String label, EvalReport report, double seconds) {
    public ScoredModel {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(report, "report");
    }
}
