package dev.trtpipe.darknet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a runner needs to turn a network's raw head tensors into darknet's detections: input size,
 * preprocessing choice, NMS variant and one {@link Head} per {@code [yolo]}/{@code [region]} layer.
 *
 * <p>It travels with every artifact trtpipe writes (ONNX metadata, the engine's JSON sidecar) as flat
 * string key/value pairs, so {@code detect} needs no cfg once a model is converted.
 */
public record DetectionSpec(int inputWidth, int inputHeight, int channels, boolean letterbox,
                            NmsKind nmsKind, float betaNms, List<Head> heads) {

    /**
     * Bounds of what metadata may claim, checked before anything is allocated from it: a forged
     * {@code darknet.heads = 2147483647} must be an error message, not an OutOfMemoryError. Darknet
     * models have at most a handful of heads; sizes past 65536 pixels or 1,000,000 classes are no model.
     */
    static final int MAX_HEADS = 1024;
    static final int MAX_SIZE = 65536;
    static final int MAX_CLASSES = 1_000_000;

    /** Prefix of every metadata key this spec writes. */
    public static final String KEY_PREFIX = "darknet.";

    /** The layer type that decodes a head. */
    public enum HeadKind { YOLO, REGION }

    /**
     * One detection layer. {@code anchors} holds this head's (w, h) pairs in the order of its anchor
     * slots: pixels of the network input for {@code [yolo]}, grid cells for {@code [region]}.
     */
    public record Head(int layerIndex, HeadKind kind, String outputName, int gridWidth, int gridHeight,
                       int classes, float[] anchors, float scaleXY, boolean newCoords) {
        public Head {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(outputName, "outputName");
            anchors = anchors.clone();
            if (anchors.length % 2 != 0) {
                throw new IllegalArgumentException("anchors must be (w, h) pairs, got " + anchors.length + " values");
            }
        }

        public int anchorCount() {
            return anchors.length / 2;
        }

        /** Channels of the raw head tensor: anchors · (5 + classes) ({@code [region]}: coords = 4). */
        public int channels() {
            return anchorCount() * (5 + classes);
        }

        @Override
        public float[] anchors() {
            return anchors.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Head h && layerIndex == h.layerIndex && kind == h.kind
                    && outputName.equals(h.outputName) && gridWidth == h.gridWidth
                    && gridHeight == h.gridHeight && classes == h.classes
                    && Arrays.equals(anchors, h.anchors) && Float.compare(scaleXY, h.scaleXY) == 0
                    && newCoords == h.newCoords;
        }

        @Override
        public int hashCode() {
            return Objects.hash(layerIndex, kind, outputName, gridWidth, gridHeight, classes,
                    Arrays.hashCode(anchors), scaleXY, newCoords);
        }
    }

    public DetectionSpec {
        Objects.requireNonNull(nmsKind, "nmsKind");
        heads = List.copyOf(heads);
        if (heads.isEmpty()) {
            throw new IllegalArgumentException("a detection model needs at least one [yolo] or [region] layer");
        }
    }

    /** Number of classes (every head of a darknet model has the same count). */
    public int classes() {
        return heads.get(0).classes();
    }

    /** Flat string form, for ONNX {@code metadata_props} and the engine sidecar. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KEY_PREFIX + "input", channels + "x" + inputHeight + "x" + inputWidth);
        m.put(KEY_PREFIX + "letter_box", letterbox ? "1" : "0");
        m.put(KEY_PREFIX + "nms_kind", nmsKind.cfgName());
        m.put(KEY_PREFIX + "beta_nms", Float.toString(betaNms));
        m.put(KEY_PREFIX + "classes", Integer.toString(classes()));
        m.put(KEY_PREFIX + "heads", Integer.toString(heads.size()));
        for (int i = 0; i < heads.size(); i++) {
            Head h = heads.get(i);
            String p = KEY_PREFIX + "head." + i + ".";
            m.put(p + "layer", Integer.toString(h.layerIndex()));
            m.put(p + "kind", h.kind().name().toLowerCase(java.util.Locale.ROOT));
            m.put(p + "output", h.outputName());
            m.put(p + "grid", h.gridHeight() + "x" + h.gridWidth());
            m.put(p + "classes", Integer.toString(h.classes()));
            m.put(p + "anchors", floats(h.anchors()));
            m.put(p + "scale_x_y", Float.toString(h.scaleXY()));
            m.put(p + "new_coords", h.newCoords() ? "1" : "0");
        }
        return m;
    }

    /**
     * Reads the form {@link #toMetadata()} writes; other keys are ignored.
     *
     * @throws IllegalArgumentException naming the missing or malformed key
     */
    public static DetectionSpec fromMetadata(Map<String, String> m) {
        Function<String, String> get = k -> {
            String v = m.get(KEY_PREFIX + k);
            if (v == null) {
                throw new IllegalArgumentException("metadata key '" + KEY_PREFIX + k + "' is missing");
            }
            return v;
        };
        try {
            int[] chw = dims(get.apply("input"), 3);
            for (int d : chw) {
                bounded("input", d, 1, MAX_SIZE);
            }
            NmsKind nms = NmsKind.fromCfgName(get.apply("nms_kind"));
            if (nms == null) {
                throw new IllegalArgumentException("metadata key '" + KEY_PREFIX + "nms_kind' has an unknown value");
            }
            // a spec needs several keys per head, so the map's size bounds the count before it is used
            int count = bounded("heads", Integer.parseInt(get.apply("heads")), 1, Math.min(MAX_HEADS, m.size()));
            List<Head> heads = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String p = "head." + i + ".";
                int[] grid = dims(get.apply(p + "grid"), 2);
                bounded(p + "grid", grid[0], 1, MAX_SIZE);
                bounded(p + "grid", grid[1], 1, MAX_SIZE);
                heads.add(new Head(Integer.parseInt(get.apply(p + "layer")),
                        HeadKind.valueOf(get.apply(p + "kind").toUpperCase(java.util.Locale.ROOT)),
                        get.apply(p + "output"), grid[1], grid[0],
                        bounded(p + "classes", Integer.parseInt(get.apply(p + "classes")), 0, MAX_CLASSES),
                        parseFloats(get.apply(p + "anchors")),
                        Float.parseFloat(get.apply(p + "scale_x_y")), "1".equals(get.apply(p + "new_coords"))));
            }
            checkClassCounts(m, heads);
            return new DetectionSpec(chw[2], chw[1], chw[0], "1".equals(get.apply("letter_box")), nms,
                    Float.parseFloat(get.apply("beta_nms")), heads);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed darknet metadata: " + e.getMessage(), e);
        }
    }

    private static int bounded(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("metadata key '" + KEY_PREFIX + key + "' = " + value + " is outside "
                    + min + ".." + max);
        }
        return value;
    }

    /** Every head has the same class count, and {@code darknet.classes}, when present, says the same. */
    private static void checkClassCounts(Map<String, String> m, List<Head> heads) {
        int first = heads.get(0).classes();
        for (Head h : heads) {
            if (h.classes() != first) {
                throw new IllegalArgumentException("heads disagree on the class count (" + first + " and " + h.classes() + ")");
            }
        }
        String declared = m.get(KEY_PREFIX + "classes");
        if (declared != null && !declared.strip().equals(Integer.toString(first))) {
            throw new IllegalArgumentException("metadata key '" + KEY_PREFIX + "classes' = " + declared
                    + " disagrees with the heads' " + first + " classes");
        }
    }

    /** True when {@code m} carries a spec written by {@link #toMetadata()}. */
    public static boolean isPresentIn(Map<String, String> m) {
        return m.containsKey(KEY_PREFIX + "heads");
    }

    private static String floats(float[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(values[i]);
        }
        return sb.toString();
    }

    private static float[] parseFloats(String csv) {
        if (csv.isEmpty()) {
            return new float[0];
        }
        String[] parts = csv.split(",");
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Float.parseFloat(parts[i].trim());
        }
        return out;
    }

    private static int[] dims(String value, int n) {
        String[] parts = value.split("x");
        if (parts.length != n) {
            throw new IllegalArgumentException("expected " + n + " dimensions separated by 'x', got '" + value + "'");
        }
        return Arrays.stream(parts).mapToInt(Integer::parseInt).toArray();
    }

    @Override
    public String toString() {
        return "DetectionSpec" + toMetadata().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "[", "]"));
    }
}
