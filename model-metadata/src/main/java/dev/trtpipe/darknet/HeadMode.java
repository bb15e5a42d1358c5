package dev.trtpipe.darknet;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a converted detector's graph outputs after its backbone, recorded next to the
 * {@link DetectionSpec} in the model metadata ({@value #KEY}) so runners know which tensors to expect:
 * <ul>
 *   <li>{@link Raw}: the conv tensors feeding each {@code [yolo]}/{@code [region]} layer, named in the spec
 *       (models without the key are raw);</li>
 *   <li>{@link Decode}: darknet's candidates, {@value Decode#BOXES} {@code [N, K, 4]} (centre x, y, width,
 *       height relative to the network input), {@value Decode#OBJECTNESS} {@code [N, K, 1]} and
 *       {@value Decode#SCORES} {@code [N, K, C]} (objectness · class probability), K = Σ A·H·W over the heads
 *       in darknet's candidate order;</li>
 *   <li>{@link Nms}: final detections in TensorRT {@code EfficientNMS_TRT}'s layout, {@value Nms#NUM_DETS}
 *       {@code int32 [N, 1]}, {@value Nms#DET_BOXES} {@code [N, M, 4]} (corners x1, y1, x2, y2 in
 *       network-input pixels), {@value Nms#DET_SCORES} {@code [N, M]}, {@value Nms#DET_CLASSES}
 *       {@code int32 [N, M]}; rows past the count are zero.</li>
 * </ul>
 */
public sealed interface HeadMode permits HeadMode.Raw, HeadMode.Decode, HeadMode.Nms {

    /** Metadata key of the mode: {@code raw}, {@code decode} or {@code nms}. */
    String KEY = DetectionSpec.KEY_PREFIX + "head_mode";
    /** Metadata key describing the box tensor's coordinates, for readers other than trtpipe. */
    String BOX_FORMAT_KEY = DetectionSpec.KEY_PREFIX + "box_format";

    /** The spelling in metadata and on the command line. */
    String cliName();

    /** The metadata entries that describe this mode. */
    Map<String, String> toMetadata();

    static HeadMode raw() {
        return new Raw();
    }

    static HeadMode decode() {
        return new Decode();
    }

    /**
     * Reads the form {@link #toMetadata()} writes; no {@value #KEY} means {@link Raw} (models converted before
     * head modes existed).
     *
     * @throws IllegalArgumentException naming the malformed or missing key
     */
    static HeadMode fromMetadata(Map<String, String> metadata) {
        String mode = metadata.getOrDefault(KEY, "raw");
        return switch (mode) {
            case "raw" -> raw();
            case "decode" -> decode();
            case "nms" -> Nms.fromMetadata(metadata);
            default -> throw new IllegalArgumentException("metadata key '" + KEY + "' is '" + mode
                    + "'; expected raw, decode or nms");
        };
    }

    /** The raw head convs (darknet's layer outputs); decoding and NMS happen outside the model. */
    record Raw() implements HeadMode {
        @Override
        public String cliName() {
            return "raw";
        }

        @Override
        public Map<String, String> toMetadata() {
            return Map.of(KEY, cliName());
        }
    }

    /** Decoded candidates; thresholds and NMS happen outside the model (darknet-exact). */
    record Decode() implements HeadMode {
        public static final String BOXES = "boxes";
        public static final String OBJECTNESS = "objectness";
        public static final String SCORES = "scores";
        /** Value of {@value #BOX_FORMAT_KEY}. */
        public static final String BOX_FORMAT = "cxcywh_relative_to_input";

        @Override
        public String cliName() {
            return "decode";
        }

        @Override
        public Map<String, String> toMetadata() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put(KEY, cliName());
            m.put(BOX_FORMAT_KEY, BOX_FORMAT);
            return m;
        }
    }

    /** How the in-graph suppression is expressed. */
    enum NmsOp {
        /** The standard ONNX {@code NonMaxSuppression} operator (TensorRT maps it to its {@code INMSLayer}). */
        ONNX("onnx"),
        /** A TensorRT {@code EfficientNMS_TRT} plugin node (deprecated in TensorRT 10; ONNX Runtime cannot run it). */
        EFFICIENT_NMS_TRT("efficient");

        private final String cliName;

        NmsOp(String cliName) {
            this.cliName = cliName;
        }

        public String cliName() {
            return cliName;
        }

        /** Parses the command-line spelling ({@code onnx}, {@code efficient}); {@code null} if unknown. */
        public static NmsOp fromCliName(String value) {
            for (NmsOp op : values()) {
                if (op.cliName.equals(value)) {
                    return op;
                }
            }
            return null;
        }
    }

    /**
     * Decoded candidates suppressed in the graph with plain per-class IoU (darknet's {@code default}
     * NMS) and cut to the {@code maxDetections} best per image.
     *
     * @param scoreThreshold a class score is kept iff above it (darknet's {@code -thresh})
     * @param iouThreshold   a box is dropped iff its IoU with a kept box of its class is above it
     */
    record Nms(NmsOp op, float scoreThreshold, float iouThreshold, int maxDetections) implements HeadMode {
        public static final String NUM_DETS = "num_dets";
        public static final String DET_BOXES = "det_boxes";
        public static final String DET_SCORES = "det_scores";
        public static final String DET_CLASSES = "det_classes";
        /** Value of {@value #BOX_FORMAT_KEY}. */
        public static final String BOX_FORMAT = "x1y1x2y2_input_pixels";

        static final String OP_KEY = DetectionSpec.KEY_PREFIX + "nms.op";
        static final String SCORE_KEY = DetectionSpec.KEY_PREFIX + "nms.score_threshold";
        static final String IOU_KEY = DetectionSpec.KEY_PREFIX + "nms.iou_threshold";
        static final String MAX_KEY = DetectionSpec.KEY_PREFIX + "nms.max_detections";
        /** The most detections per image an in-graph NMS may keep (as {@code --max-dets} allows). */
        public static final int MAX_DETECTIONS = 100_000;

        public Nms {
            Objects.requireNonNull(op, "op");
            if (!(scoreThreshold >= 0 && scoreThreshold < 1)) {
                throw new IllegalArgumentException("the NMS score threshold must be in [0, 1), got " + scoreThreshold);
            }
            if (!(iouThreshold > 0 && iouThreshold <= 1)) {
                throw new IllegalArgumentException("the NMS IoU threshold must be in (0, 1], got " + iouThreshold);
            }
            if (maxDetections <= 0 || maxDetections > MAX_DETECTIONS) {
                // bounded: the value may come from a file's metadata, and outputs are allocated from it
                throw new IllegalArgumentException("the maximum number of detections must be in 1.." + MAX_DETECTIONS
                        + ", got " + maxDetections);
            }
        }

        @Override
        public String cliName() {
            return "nms";
        }

        @Override
        public Map<String, String> toMetadata() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put(KEY, cliName());
            m.put(BOX_FORMAT_KEY, BOX_FORMAT);
            m.put(OP_KEY, op.cliName());
            m.put(SCORE_KEY, Float.toString(scoreThreshold));
            m.put(IOU_KEY, Float.toString(iouThreshold));
            m.put(MAX_KEY, Integer.toString(maxDetections));
            return m;
        }

        static Nms fromMetadata(Map<String, String> m) {
            String opName = required(m, OP_KEY);
            NmsOp op = NmsOp.fromCliName(opName.toLowerCase(Locale.ROOT));
            if (op == null) {
                throw new IllegalArgumentException("metadata key '" + OP_KEY + "' is '" + opName + "'; expected onnx or efficient");
            }
            try {
                return new Nms(op, Float.parseFloat(required(m, SCORE_KEY)), Float.parseFloat(required(m, IOU_KEY)),
                        Integer.parseInt(required(m, MAX_KEY)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("malformed in-graph NMS metadata (" + SCORE_KEY + ", " + IOU_KEY
                        + ", " + MAX_KEY + "): " + e.getMessage(), e);
            }
        }

        private static String required(Map<String, String> m, String key) {
            String v = m.get(key);
            if (v == null) {
                throw new IllegalArgumentException("metadata key '" + key + "' is missing (required with "
                        + KEY + "=nms)");
            }
            return v;
        }
    }
}
