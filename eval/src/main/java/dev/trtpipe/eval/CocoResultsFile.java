package dev.trtpipe.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.trtpipe.darknet.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** COCO's results format: a JSON array of {@code {image_id, category_id, bbox: [x, y, w, h], score}}. */
public final class CocoResultsFile {

    private CocoResultsFile() {
    }

    /** Reads a results file; malformed entries are reported (with their index) and skipped. */
    public static List<ScoredBox> read(Path file, Problems problems) throws IOException {
        JsonNode root = JsonFiles.read(file, "a COCO results file");
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(file + ": is not a JSON array; a COCO results file is [{\"image_id\", \"category_id\","
                    + " \"bbox\", \"score\"}, ...]");
        }
        List<ScoredBox> boxes = new ArrayList<>(root.size());
        int index = 0;
        for (JsonNode n : root) {
            JsonNode bbox = n.path("bbox");
            if (!n.path("image_id").isNumber() || !n.path("category_id").isNumber() || !n.path("score").isNumber()
                    || !bbox.isArray() || bbox.size() != 4) {
                problems.report("malformed detection", file + ": entry " + index + ": needs numeric image_id, category_id, score"
                        + " and bbox [x, y, w, h]; skipped");
            } else {
                boxes.add(new ScoredBox(n.get("image_id").asLong(), n.get("category_id").asInt(), bbox.get(0).asDouble(),
                        bbox.get(1).asDouble(), bbox.get(2).asDouble(), bbox.get(3).asDouble(), n.get("score").asDouble()));
            }
            index++;
        }
        return boxes;
    }

    public static void write(Path file, List<ScoredBox> boxes) throws IOException {
        AtomicFile.writeStream(file, out -> {
            try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
                g.writeStartArray();
                for (ScoredBox b : boxes) {
                    g.writeRaw('\n');
                    g.writeStartObject();
                    g.writeNumberField("image_id", b.imageId());
                    g.writeNumberField("category_id", b.categoryId());
                    g.writeArrayFieldStart("bbox");
                    g.writeNumber(b.x());
                    g.writeNumber(b.y());
                    g.writeNumber(b.w());
                    g.writeNumber(b.h());
                    g.writeEndArray();
                    g.writeNumberField("score", b.score());
                    g.writeEndObject();
                }
                g.writeRaw('\n');
                g.writeEndArray();
            }
        });
    }
}
