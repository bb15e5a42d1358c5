package dev.trtpipe.eval.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trtpipe.darknet.io.AtomicFile;
import dev.trtpipe.eval.EvalReport.ClassScore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Per-class AP of every model in one file: CSV ({@code model,category_id,name,ground_truth,ap,ap50,darknet_ap50};
 * empty cells where a value does not exist) or, for a {@code .json} name, an array of objects (null there).
 */
public final class PerClassFile {

    private PerClassFile() {
    }

    /** @throws IllegalArgumentException the name ends in neither .csv nor .json */
    public static void write(Path file, List<ScoredModel> rows) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            AtomicFile.write(file, json(rows).getBytes(StandardCharsets.UTF_8));
        } else if (name.endsWith(".csv")) {
            AtomicFile.write(file, csv(rows).getBytes(StandardCharsets.UTF_8));
        } else {
            throw new IllegalArgumentException(file + ": per-class results are written as .csv or .json; name the file so");
        }
    }

    static String csv(List<ScoredModel> rows) {
        StringBuilder out = new StringBuilder("model,category_id,name,ground_truth,ap,ap50,darknet_ap50\n");
        for (ScoredModel row : rows) {
            for (ClassScore c : row.report().perClass()) {
                out.append(quote(row.label())).append(',').append(c.categoryId()).append(',').append(quote(c.name())).append(',')
                        .append(c.groundTruth()).append(',').append(number(c.ap())).append(',').append(number(c.ap50())).append(',')
                        .append(number(c.darknetAp())).append('\n');
            }
        }
        return out.toString();
    }

    static String json(List<ScoredModel> rows) {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode array = mapper.createArrayNode();
        for (ScoredModel row : rows) {
            for (ClassScore c : row.report().perClass()) {
                ObjectNode o = array.addObject();
                o.put("model", row.label());
                o.put("category_id", c.categoryId());
                o.put("name", c.name());
                o.put("ground_truth", c.groundTruth());
                put(o, "ap", c.ap());
                put(o, "ap50", c.ap50());
                put(o, "darknet_ap50", c.darknetAp());
            }
        }
        return array.toPrettyString() + "\n";
    }

    private static void put(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
