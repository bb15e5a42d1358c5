package dev.trtpipe.detect.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trtpipe.detect.ClassNames;
import dev.trtpipe.detect.DetectionResult;
import dev.trtpipe.darknet.io.AtomicFile;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.PixelBox;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON report of one image:
 * {@code {"image", "width", "height", "detections": [{"class_id", "class", "prob", "objectness",
 * "box": {"left", "top", "right", "bottom"}}]}}, the box in pixels exactly as darknet draws it;
 * {@code objectness} is {@code null} for models that suppress in their graph (they do not output it).
 */
public final class DetectionJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DetectionJson() {
    }

    public static ObjectNode toTree(DetectionResult result, ClassNames names) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("image", result.source());
        root.put("width", result.width());
        root.put("height", result.height());
        ArrayNode list = root.putArray("detections");
        for (Detection d : result.detections()) {
            ObjectNode o = list.addObject();
            o.put("class_id", d.classId());
            o.put("class", names.name(d.classId()));
            o.put("prob", d.probability());
            if (Float.isNaN(d.objectness())) {
                o.putNull("objectness"); // a model with NMS in its graph does not output it
            } else {
                o.put("objectness", d.objectness());
            }
            PixelBox b = d.pixels();
            ObjectNode box = o.putObject("box");
            box.put("left", b.left());
            box.put("top", b.top());
            box.put("right", b.right());
            box.put("bottom", b.bottom());
        }
        return root;
    }

    /** One line, for JSON Lines on standard output. */
    public static String toLine(DetectionResult result, ClassNames names) throws IOException {
        return MAPPER.writeValueAsString(toTree(result, names));
    }

    /** Writes {@code <outDir>/<image stem>.detections.json} (indented) atomically; returns its path. */
    public static Path write(DetectionResult result, ClassNames names, Path outDir) throws IOException {
        Path file = ReportFiles.json(outDir, result.source());
        AtomicFile.write(file, fileWriter(result, names));
        return file;
    }

    /** The report file's content (indented JSON), for {@link dev.trtpipe.darknet.io.AtomicFiles} with the PNG. */
    public static AtomicFile.Writer fileWriter(DetectionResult result, ClassNames names) throws IOException {
        byte[] json = MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(toTree(result, names));
        return temporary -> {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write(json);
                out.write('\n');
            }
        };
    }
}
