package dev.trtpipe.detect.tao;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything needed to run a TAO detector the way DeepStream's nvinfer runs it: the preprocessing
 * ({@code net-scale-factor}, {@code offsets}, {@code model-color-format}, {@code maintain-aspect-ratio},
 * {@code symmetric-padding}), the input size, the output names, the classes and labels, and the
 * clustering with its per-class settings. Read from an nvinfer config ({@link NvinferConfig}) or from a
 * model's metadata, where {@link #toMetadata()} puts it as {@code tao.*} keys in nvinfer's own spelling
 * (so an engine's sidecar carries it too).
 *
 * @param inputChannels  0 with {@code inputHeight}/{@code inputWidth}: take the size from the model's input
 * @param offsets        per-channel means subtracted before scaling, in the model's channel order (empty: none)
 * @param classes        {@code num-detected-classes}; 0: as many as the model outputs
 * @param outputNames    {@code output-blob-names} (empty: find the outputs by their shapes)
 * @param labels         class names, empty if there was no label file
 * @param perClass       {@code [class-attrs-N]} groups; other classes use {@code allClasses}
 */
public record TaoDetectionSpec(int inputChannels, int inputHeight, int inputWidth, float netScaleFactor, float[] offsets,
                               ColorFormat colorFormat, boolean maintainAspectRatio, boolean symmetricPadding,
                               int classes, List<String> outputNames, List<String> labels, ClusterMode clusterMode,
                               ClassAttributes allClasses, Map<Integer, ClassAttributes> perClass) {

    /** Prefix of the metadata keys; {@code tao.net-scale-factor} is always written, so it marks a spec. */
    public static final String KEY_PREFIX = "tao.";
    private static final String MARKER = KEY_PREFIX + "net-scale-factor";
    private static final String LABELS = KEY_PREFIX + "labels";
    private static final String ALL_GROUP = "class-attrs-all";

    public TaoDetectionSpec {
        offsets = offsets.clone();
        outputNames = List.copyOf(outputNames);
        labels = List.copyOf(labels);
        perClass = java.util.Collections.unmodifiableMap(new TreeMap<>(perClass));
        Objects.requireNonNull(colorFormat, "colorFormat");
        Objects.requireNonNull(clusterMode, "clusterMode");
        Objects.requireNonNull(allClasses, "allClasses");
        if (offsets.length != 0 && offsets.length != colorFormat.channels()) {
            throw new IllegalArgumentException("offsets has " + offsets.length + " values but model-color-format "
                    + colorFormat.nvinferValue() + " (" + colorFormat + ") has " + colorFormat.channels() + " channel(s)");
        }
        if (inputChannels != 0 && inputChannels != colorFormat.channels()) {
            throw new IllegalArgumentException("the input dims have " + inputChannels + " channel(s) but model-color-format "
                    + colorFormat.nvinferValue() + " (" + colorFormat + ") has " + colorFormat.channels());
        }
    }

    @Override
    public float[] offsets() {
        return offsets.clone();
    }

    /** The offset subtracted from channel {@code c} (0 without offsets). */
    public float offset(int c) {
        return offsets.length == 0 ? 0f : offsets[c];
    }

    /** The settings of class {@code classId}: its own group, else {@code [class-attrs-all]}. */
    public ClassAttributes attributes(int classId) {
        return perClass.getOrDefault(classId, allClasses);
    }

    /** This spec with other preprocessing (command-line overrides); null keeps a value. */
    public TaoDetectionSpec withPreprocessing(Float scale, float[] newOffsets, ColorFormat format) {
        ColorFormat f = format != null ? format : colorFormat;
        float[] o = newOffsets != null ? newOffsets : (f.channels() == colorFormat.channels() ? offsets : new float[0]);
        int channels = inputChannels == 0 ? 0 : f.channels();
        return new TaoDetectionSpec(channels, inputHeight, inputWidth, scale != null ? scale : netScaleFactor, o, f,
                maintainAspectRatio, symmetricPadding, classes, outputNames, labels, clusterMode, allClasses, perClass);
    }

    /** This spec with one pre-cluster threshold for every class (detect's {@code --thresh}). */
    public TaoDetectionSpec withPreClusterThreshold(float threshold) {
        String t = Float.toString(threshold);
        Map<Integer, ClassAttributes> classes = new TreeMap<>();
        perClass.forEach((c, a) -> classes.put(c, a.with("pre-cluster-threshold", t)));
        return new TaoDetectionSpec(inputChannels, inputHeight, inputWidth, netScaleFactor, offsets, colorFormat,
                maintainAspectRatio, symmetricPadding, this.classes, outputNames, labels, clusterMode,
                allClasses.with("pre-cluster-threshold", t), classes);
    }

    /** Whether {@code metadata} holds a spec written by {@link #toMetadata()}. */
    public static boolean isPresentIn(Map<String, String> metadata) {
        return metadata.containsKey(MARKER);
    }

    /** The spec as {@code tao.<key>} and {@code tao.class-attrs-<g>.<key>} entries, nvinfer's keys and values. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(MARKER, Float.toString(netScaleFactor));
        if (offsets.length > 0) {
            m.put(KEY_PREFIX + "offsets", join(offsets));
        }
        m.put(KEY_PREFIX + "model-color-format", Integer.toString(colorFormat.nvinferValue()));
        m.put(KEY_PREFIX + "maintain-aspect-ratio", maintainAspectRatio ? "1" : "0");
        m.put(KEY_PREFIX + "symmetric-padding", symmetricPadding ? "1" : "0");
        if (inputChannels > 0) {
            m.put(KEY_PREFIX + "infer-dims", inputChannels + ";" + inputHeight + ";" + inputWidth);
        }
        if (classes > 0) {
            m.put(KEY_PREFIX + "num-detected-classes", Integer.toString(classes));
        }
        if (!outputNames.isEmpty()) {
            m.put(KEY_PREFIX + "output-blob-names", String.join(";", outputNames));
        }
        m.put(KEY_PREFIX + "cluster-mode", Integer.toString(clusterMode.nvinferValue()));
        allClasses.toKeys().forEach((k, v) -> m.put(KEY_PREFIX + ALL_GROUP + "." + k, v));
        perClass.forEach((c, attrs) -> attrs.toKeys().forEach((k, v) -> m.put(KEY_PREFIX + "class-attrs-" + c + "." + k, v)));
        if (!labels.isEmpty()) {
            m.put(LABELS, String.join("\n", labels));
        }
        return m;
    }

    /**
     * The spec in {@code metadata} ({@link #toMetadata()}'s keys).
     *
     * @throws IllegalArgumentException a key is malformed, naming it
     */
    public static TaoDetectionSpec fromMetadata(Map<String, String> metadata) {
        Builder b = new Builder();
        for (Map.Entry<String, String> e : new TreeMap<>(metadata).entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(KEY_PREFIX) || key.equals(LABELS)) {
                continue;
            }
            String rest = key.substring(KEY_PREFIX.length());
            int dot = rest.indexOf('.');
            try {
                if (rest.startsWith("class-attrs-") && dot > 0) {
                    b.set(rest.substring(0, dot), rest.substring(dot + 1), e.getValue());
                } else {
                    b.set(Builder.PROPERTY, rest, e.getValue());
                }
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("metadata key " + key + ": " + ex.getMessage(), ex);
            }
        }
        String labels = metadata.get(LABELS);
        if (labels != null) {
            b.labels(Arrays.asList(labels.split("\n", -1)));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("metadata " + KEY_PREFIX + "*: " + ex.getMessage(), ex);
        }
    }

    /** Short description of the preprocessing, e.g. {@code keep-aspect, (x - 0)·0.00392, RGB}. */
    public String describePreprocessing() {
        return String.format(Locale.ROOT, "%s, (x - [%s])·%.6g, %s", maintainAspectRatio
                        ? (symmetricPadding ? "keep-aspect centred" : "keep-aspect top-left") : "stretch",
                offsets.length == 0 ? "0" : join(offsets).replace(";", ","), netScaleFactor, colorFormat);
    }

    private static String join(float[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ";").append(values[i]);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaoDetectionSpec t && t.toMetadata().equals(toMetadata());
    }

    @Override
    public int hashCode() {
        return toMetadata().hashCode();
    }

    /**
     * Collects nvinfer keys group by group ({@code property}, {@code class-attrs-all}, {@code class-attrs-N}),
     * checking each value as it comes, so that the caller can say where a bad one was.
     */
    static final class Builder {

        static final String PROPERTY = "property";

        private int channels;
        private int height;
        private int width;
        private float scale = 1f;
        private float[] offsets = new float[0];
        private ColorFormat colorFormat = ColorFormat.RGB;
        private boolean keepAspect;
        private boolean symmetric;
        private int classes;
        private List<String> outputNames = List.of();
        private List<String> labels = List.of();
        private ClusterMode clusterMode = ClusterMode.GROUP_RECTANGLES;
        private ClassAttributes all = ClassAttributes.DEFAULTS;
        /** Per-class groups as key/value lists: they start from [class-attrs-all], whatever the group order. */
        private final Map<Integer, List<String[]>> perClassKeys = new TreeMap<>();

        /**
         * @return false if the key is none that detection uses (model files, GPU settings, …)
         * @throws IllegalArgumentException the value is malformed or the group unknown
         */
        boolean set(String group, String key, String value) {
            if (group.equals(PROPERTY)) {
                return setProperty(key, value);
            }
            if (group.equals(ALL_GROUP)) {
                all = all.with(key, value);
                return isClassKey(key);
            }
            if (group.startsWith("class-attrs-")) {
                int c;
                try {
                    c = Integer.parseInt(group.substring("class-attrs-".length()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("group [" + group + "] should be [class-attrs-all] or [class-attrs-<class id>]");
                }
                if (c < 0) {
                    throw new IllegalArgumentException("group [" + group + "] has a negative class id");
                }
                ClassAttributes.DEFAULTS.with(key, value); // checks the value now, where its line is known
                perClassKeys.computeIfAbsent(c, k -> new ArrayList<>()).add(new String[] {key, value});
                return isClassKey(key);
            }
            return false;
        }

        private static boolean isClassKey(String key) {
            return ClassAttributes.KEYS.contains(key) || key.equals("threshold");
        }

        private boolean setProperty(String key, String value) {
            switch (key) {
                case "net-scale-factor" -> {
                    scale = NvinferValues.number(key, value);
                    if (scale <= 0) {
                        throw new IllegalArgumentException("net-scale-factor must be > 0, got " + value);
                    }
                }
                case "offsets" -> offsets = NvinferValues.numbers(key, value);
                case "model-color-format" -> colorFormat = ColorFormat.ofNvinferValue(NvinferValues.integer(key, value));
                case "maintain-aspect-ratio" -> keepAspect = NvinferValues.bool(key, value);
                case "symmetric-padding" -> symmetric = NvinferValues.bool(key, value);
                case "infer-dims", "uff-input-dims", "input-dims" -> dims(key, value);
                case "num-detected-classes" -> {
                    classes = NvinferValues.integer(key, value);
                    if (classes <= 0) {
                        throw new IllegalArgumentException("num-detected-classes must be ≥ 1, got " + value);
                    }
                }
                case "output-blob-names" -> outputNames = NvinferValues.list(value);
                case "cluster-mode" -> clusterMode = ClusterMode.ofNvinferValue(NvinferValues.integer(key, value));
                case "network-type" -> {
                    int type = NvinferValues.integer(key, value);
                    if (type != 0) {
                        throw new IllegalArgumentException("network-type=" + type + " is not a detector; detect runs"
                                + " network-type=0 (1 classifier, 2 segmentation, 3 instance segmentation, 100 other)");
                    }
                }
                case "is-classifier" -> {
                    if (NvinferValues.bool(key, value)) {
                        throw new IllegalArgumentException("is-classifier=1: detect runs detectors, not classifiers");
                    }
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        /** {@code C;H;W} (infer-dims) or {@code C;H;W;order} (uff-input-dims, order 0 = NCHW). */
        private void dims(String key, String value) {
            List<String> items = NvinferValues.list(value);
            if (items.size() < 3 || items.size() > 4) {
                throw new IllegalArgumentException(key + " must be C;H;W" + (key.equals("infer-dims") ? "" : ";order")
                        + ", got '" + value + "'");
            }
            int[] d = new int[items.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = NvinferValues.integer(key, items.get(i));
            }
            if (d.length == 4 && d[3] != 0) {
                throw new IllegalArgumentException(key + " order " + d[3] + " is not NCHW (0); detect feeds NCHW input");
            }
            if (d[0] <= 0 || d[1] <= 0 || d[2] <= 0) {
                throw new IllegalArgumentException(key + " must be positive, got '" + value + "'");
            }
            channels = d[0];
            height = d[1];
            width = d[2];
        }

        Builder labels(List<String> names) {
            labels = List.copyOf(names);
            return this;
        }

        TaoDetectionSpec build() {
            Map<Integer, ClassAttributes> perClass = new TreeMap<>();
            perClassKeys.forEach((c, keys) -> {
                ClassAttributes a = all;
                for (String[] kv : keys) {
                    a = a.with(kv[0], kv[1]);
                }
                perClass.put(c, a);
            });
            if (classes > 0 && !perClass.isEmpty() && ((TreeMap<Integer, ClassAttributes>) perClass).lastKey() >= classes) {
                throw new IllegalArgumentException("[class-attrs-" + ((TreeMap<Integer, ClassAttributes>) perClass).lastKey()
                        + "] is beyond num-detected-classes=" + classes);
            }
            return new TaoDetectionSpec(channels, height, width, scale, offsets, colorFormat, keepAspect, symmetric, classes,
                    outputNames, labels, clusterMode, all, perClass);
        }
    }
}
