package dev.trtpipe.samples.compare;

import dev.trtpipe.samples.steps.Artifact;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@link ComparisonReport} as Markdown: one table per path (a row per stage), then I/O, identity and outputs. */
public final class MarkdownReport {

    private static final int SHORT_HASH = 16;

    private MarkdownReport() {
    }

    public static String render(ComparisonReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# trtpipe compare: ").append(report.subject()).append("\n\n");
        md.append("- backend: ").append(report.backend()).append('\n');
        md.append("- input: ").append(report.input()).append("\n\n");
        for (PathName path : PathName.values()) {
            List<Step> steps = report.steps().stream().filter(s -> s.path().equals(path.label())).toList();
            md.append("## ").append(path.label()).append(" path\n\n");
            md.append("| stage | what the user types | what the user must know | time | artifacts (size, sha256) | notes |\n");
            md.append("|---|---|---|---:|---|---|\n");
            for (Step s : steps) {
                md.append(row(s.stage(), "`" + s.command() + "`", String.join("<br>", s.mustKnow()),
                        String.format(Locale.ROOT, "%.2f s", s.seconds()),
                        s.artifacts().stream().map(MarkdownReport::artifact).collect(Collectors.joining("<br>")), s.note()));
            }
            md.append('\n');
        }
        md.append("## Inputs and outputs\n\n| path | ran on | inputs | outputs |\n|---|---|---|---|\n");
        for (PathIo io : report.io()) {
            md.append(row(io.path(), io.runtime(), tensors(io.inputs()), tensors(io.outputs())));
        }
        OnnxIdentity id = report.onnx();
        md.append("\n## Same ONNX model?\n\n| file | sha256 |\n|---|---|\n");
        md.append(row("raw path: " + id.rawOnnx(), "`" + id.rawSha256() + "`"));
        md.append(row("TAO path: the ONNX tao-convert decrypted", "`" + id.decryptedSha256() + "`"));
        md.append('\n').append(id.identical() ? "Byte-identical." : "**They differ.**").append("\n\n");
        md.append("## Outputs: raw vs TAO\n\n| output | shape | values | differing values | max abs difference |\n|---|---|---:|---:|---:|\n");
        for (OutputDifference d : report.outputs()) {
            md.append(row(d.output(), d.shape(), Long.toString(d.values()), Long.toString(d.differingValues()), number(d.maxAbsDifference())));
        }
        md.append("\nMax difference over all outputs: **").append(number(report.maxAbsDifference())).append("**")
                .append(report.maxAbsDifference() == 0 ? " (bit-identical)" : "").append("\n\n");
        report.notes().forEach(n -> md.append("- ").append(n).append('\n'));
        return md.toString();
    }

    private static String artifact(Artifact a) {
        return a.role() + ": " + a.file() + " " + a.size() + " `" + a.sha256().substring(0, SHORT_HASH) + "…`";
    }

    private static String tensors(List<TensorDesc> tensors) {
        return tensors.stream().map(TensorDesc::toString).collect(Collectors.joining("<br>"));
    }

    private static String number(double value) {
        return value == 0 ? "0" : String.format(Locale.ROOT, "%.3g", value);
    }

    private static String row(String... cells) {
        StringBuilder sb = new StringBuilder("|");
        for (String cell : cells) {
            sb.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |");
        }
        return sb.append('\n').toString();
    }
}
