package dev.trtpipe.eval.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trtpipe.eval.EvalReport;

/**
 * One JSON object per model: {@code "coco"} holds the 12 numbers in pycocotools' {@code COCOeval.stats}
 * order (-1 where pycocotools has -1), {@code "map50"} darknet's mAP@0.50.
 */
public final class EvalJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EvalJson() {
    }

    public static String line(ScoredModel row) {
        EvalReport r = row.report();
        ObjectNode o = MAPPER.createObjectNode();
        o.put("model", row.label());
        ArrayNode coco = o.putArray("coco");
        for (double v : r.coco()) {
            coco.add(v);
        }
        o.put("map50", r.map50());
        o.put("map_points", r.mapPoints());
        o.put("images", r.images());
        o.put("detections", r.detections());
        o.put("seconds", row.seconds());
        return o.toString();
    }
}
