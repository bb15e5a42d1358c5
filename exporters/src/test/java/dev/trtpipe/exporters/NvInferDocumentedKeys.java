package dev.trtpipe.exporters;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The keys Gst-nvinfer documents for its configuration file, with the value type each is read as.
 *
 * <p>Source: the DeepStream SDK API reference, {@code gstnvinfer_property_parser.h} (the
 * {@code CONFIG_GROUP_INFER_*} key names of the {@code [property]} and {@code [class-attrs-*]} groups,
 * docs.nvidia.com/metropolis/deepstream/…/gstnvinfer__property__parser_8h_source.html), and the
 * {@code g_key_file_get_*} call {@code gstnvinfer_property_parser.cpp} reads each key with; enumerated
 * ranges from the same parser's {@code switch} statements (network-mode 0/1/2, model-color-format 0/1/2,
 * cluster-mode 0–4, …). Written by hand from those sources, never from trtpipe's own output.
 */
final class NvInferDocumentedKeys {

    /** How GLib's key-file reader parses a value. */
    enum Type {
        INTEGER(Pattern.compile("[+-]?\\d+")),
        DOUBLE(Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")),
        BOOLEAN(Pattern.compile("true|false|1|0")),
        STRING(Pattern.compile(".+")),
        INTEGER_LIST(Pattern.compile("[+-]?\\d+(;[+-]?\\d+)*;?")),
        DOUBLE_LIST(Pattern.compile("[^;]+(;[^;]+)*;?")),
        STRING_LIST(Pattern.compile("[^;]+(;[^;]+)*;?"));

        final Pattern syntax;

        Type(Pattern syntax) {
            this.syntax = syntax;
        }
    }

    record Rule(Type type, Set<Integer> allowed) {
        boolean accepts(String value) {
            if (!type.syntax.matcher(value).matches()) {
                return false;
            }
            if (type == Type.DOUBLE_LIST) {
                for (String item : value.split(";")) {
                    if (!Type.DOUBLE.syntax.matcher(item).matches()) {
                        return false;
                    }
                }
            }
            return allowed.isEmpty() || allowed.contains(Integer.parseInt(value));
        }
    }

    static final Map<String, Rule> PROPERTY = new LinkedHashMap<>();
    static final Map<String, Rule> CLASS_ATTRS = new LinkedHashMap<>();

    static {
        // [property]: element configuration
        p("gie-unique-id", Type.INTEGER);
        p("process-mode", Type.INTEGER, 1, 2);
        p("interval", Type.INTEGER);
        p("labelfile-path", Type.STRING);
        p("gpu-id", Type.INTEGER);
        p("secondary-reinfer-interval", Type.INTEGER);
        p("output-tensor-meta", Type.BOOLEAN);
        p("enable-dla", Type.BOOLEAN);
        p("use-dla-core", Type.INTEGER);
        // runtime engine parameters
        p("batch-size", Type.INTEGER);
        p("tensor-meta-pool-size", Type.INTEGER);
        p("network-mode", Type.INTEGER, 0, 1, 2);
        p("model-engine-file", Type.STRING);
        p("int8-calib-file", Type.STRING);
        p("workspace-size", Type.INTEGER);
        // generic model parameters
        p("output-blob-names", Type.STRING_LIST);
        p("is-classifier", Type.BOOLEAN);
        p("network-type", Type.INTEGER, 0, 1, 2, 3, 100);
        p("force-implicit-batch-dim", Type.BOOLEAN);
        p("infer-dims", Type.INTEGER_LIST);
        p("output-io-formats", Type.STRING_LIST);
        p("layer-device-precision", Type.STRING_LIST);
        // preprocessing
        p("model-color-format", Type.INTEGER, 0, 1, 2);
        p("net-scale-factor", Type.DOUBLE);
        p("offsets", Type.DOUBLE_LIST);
        p("mean-file", Type.STRING);
        p("maintain-aspect-ratio", Type.BOOLEAN);
        p("symmetric-padding", Type.BOOLEAN);
        p("scaling-filter", Type.INTEGER);
        p("scaling-compute-hw", Type.INTEGER);
        p("network-input-order", Type.INTEGER, 0, 1);
        p("input-tensor-from-meta", Type.BOOLEAN);
        // custom implementations
        p("custom-lib-path", Type.STRING);
        p("parse-bbox-func-name", Type.STRING);
        p("parse-bbox-instance-mask-func-name", Type.STRING);
        p("engine-create-func-name", Type.STRING);
        p("parse-classifier-func-name", Type.STRING);
        p("custom-network-config", Type.STRING);
        // model files
        p("model-file", Type.STRING);
        p("proto-file", Type.STRING);
        p("uff-file", Type.STRING);
        p("uff-input-order", Type.INTEGER, 0, 1, 2);
        p("input-dims", Type.INTEGER_LIST);
        p("uff-input-dims", Type.INTEGER_LIST);
        p("uff-input-blob-name", Type.STRING);
        p("tlt-encoded-model", Type.STRING);
        p("tlt-model-key", Type.STRING);
        p("onnx-file", Type.STRING);
        // detector, classifier, segmentation
        p("num-detected-classes", Type.INTEGER);
        p("enable-dbscan", Type.BOOLEAN);
        p("cluster-mode", Type.INTEGER, 0, 1, 2, 3, 4);
        p("classifier-type", Type.STRING);
        p("classifier-threshold", Type.DOUBLE);
        p("classifier-async-mode", Type.BOOLEAN);
        p("segmentation-threshold", Type.DOUBLE);
        p("segmentation-output-order", Type.INTEGER, 0, 1);
        p("output-instance-mask", Type.BOOLEAN);
        // secondary-mode object filters
        p("input-object-min-width", Type.INTEGER);
        p("input-object-min-height", Type.INTEGER);
        p("input-object-max-width", Type.INTEGER);
        p("input-object-max-height", Type.INTEGER);
        p("operate-on-gie-id", Type.INTEGER);
        p("operate-on-class-ids", Type.INTEGER_LIST);
        p("filter-out-class-ids", Type.INTEGER_LIST);

        // [class-attrs-all] / [class-attrs-<id>]
        c("threshold", Type.DOUBLE);
        c("pre-cluster-threshold", Type.DOUBLE);
        c("post-cluster-threshold", Type.DOUBLE);
        c("eps", Type.DOUBLE);
        c("group-threshold", Type.INTEGER);
        c("minBoxes", Type.INTEGER);
        c("dbscan-min-score", Type.DOUBLE);
        c("roi-top-offset", Type.INTEGER);
        c("roi-bottom-offset", Type.INTEGER);
        c("detected-min-w", Type.INTEGER);
        c("detected-min-h", Type.INTEGER);
        c("detected-max-w", Type.INTEGER);
        c("detected-max-h", Type.INTEGER);
        c("border-color", Type.DOUBLE_LIST);
        c("bg-color", Type.DOUBLE_LIST);
        c("nms-iou-threshold", Type.DOUBLE);
        c("topk", Type.INTEGER);
    }

    private NvInferDocumentedKeys() {
    }

    private static void p(String key, Type type, Integer... allowed) {
        PROPERTY.put(key, new Rule(type, Set.of(allowed)));
    }

    private static void c(String key, Type type) {
        CLASS_ATTRS.put(key, new Rule(type, Set.of()));
    }
}
