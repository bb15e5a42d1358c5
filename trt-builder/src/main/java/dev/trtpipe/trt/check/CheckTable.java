package dev.trtpipe.trt.check;

import java.util.Locale;

/** A check as a Markdown table: the inputs fed, then one row per output. */
public final class CheckTable {

    private CheckTable() {
    }

    public static String markdown(CheckReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("| input | type | shape | values |\n|---|---|---|---|\n");
        for (CheckReport.InputRow in : report.inputs()) {
            sb.append("| ").append(in.name()).append(" | ").append(in.tensor().type().onnxName()).append(" | ")
                    .append(TensorData.format(in.tensor().shape())).append(" | ").append(in.source()).append(" |\n");
        }
        sb.append('\n').append(String.format(Locale.ROOT, "%s (reference) vs %s (candidate), pass: %s%n%n", report.reference(),
                report.candidate(), report.tolerances()));
        sb.append("| output | shape | max abs error | relative L2 | verdict |\n|---|---|---|---|---|\n");
        for (OutputComparison o : report.outputs()) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.3e | %.3e | %s |%n", o.name(), TensorData.format(o.referenceShape()),
                    o.maxAbs(), o.relativeL2(), o.verdict(report.tolerances())));
        }
        sb.append('\n').append(report.passed() ? "PASSED" : "FAILED").append('\n');
        return sb.toString();
    }
}
