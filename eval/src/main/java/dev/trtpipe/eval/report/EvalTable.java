package dev.trtpipe.eval.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The eval table: a row per model with COCO's AP, AP50, AP75, APs, APm, APl, AR1, AR10, AR100 (as
 * pycocotools prints them, 3 decimals, "-" for its -1), darknet's mAP@0.50, the differences of AP, AP50
 * and mAP@0.50 to the first row, and the time.
 */
public final class EvalTable {

    private static final int[] COCO_COLUMNS = {0, 1, 2, 3, 4, 5, 6, 7, 8};
    private static final String[] HEADERS = {"AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100"};

    private EvalTable() {
    }

    public static String format(List<ScoredModel> rows) {
        List<String[]> cells = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("model"));
        header.addAll(List.of(HEADERS));
        header.addAll(List.of("map50", "dAP", "dAP50", "dmap50", "time"));
        cells.add(header.toArray(String[]::new));
        ScoredModel first = rows.isEmpty() ? null : rows.get(0);
        for (ScoredModel row : rows) {
            List<String> line = new ArrayList<>(List.of(row.label()));
            double[] coco = row.report().coco();
            for (int c : COCO_COLUMNS) {
                line.add(value(coco[c]));
            }
            line.add(value(row.report().map50()));
            line.add(row == first ? "" : delta(coco[0], first.report().coco()[0]));
            line.add(row == first ? "" : delta(coco[1], first.report().coco()[1]));
            line.add(row == first ? "" : delta(row.report().map50(), first.report().map50()));
            line.add(String.format(Locale.ROOT, "%.1f s", row.seconds()));
            cells.add(line.toArray(String[]::new));
        }
        int[] widths = new int[cells.get(0).length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                out.append(i == 0 ? String.format("%-" + widths[i] + "s", line[i]) : String.format("  %" + widths[i] + "s", line[i]));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }

    static String value(double v) {
        return v < 0 ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String delta(double v, double reference) {
        return v < 0 || reference < 0 ? "-" : String.format(Locale.ROOT, "%+.3f", v - reference);
    }
}
