package dev.trtpipe.video;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trtpipe.detect.ClassNames;
import dev.trtpipe.detect.DetectionResult;
import dev.trtpipe.detect.report.DetectionJson;
import java.io.IOException;

/**
 * One frame's detections as a JSON Lines object: {@code {"source", "frame", "timestamp_ms", "width",
 * "height", "detections": [...]}}, the detections exactly as {@code detect --json} writes them for an image.
 */
public final class VideoFrameJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private VideoFrameJson() {
    }

    public static ObjectNode toTree(VideoFrame frame, DetectionResult result, ClassNames names) {
        ObjectNode image = DetectionJson.toTree(result, names);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("source", result.source());
        root.put("frame", frame.index());
        root.put("timestamp_ms", frame.timestampMs());
        root.set("width", image.get("width"));
        root.set("height", image.get("height"));
        root.set("detections", image.get("detections"));
        return root;
    }

    public static String toLine(VideoFrame frame, DetectionResult result, ClassNames names) throws IOException {
        return MAPPER.writeValueAsString(toTree(frame, result, names));
    }
}
