package dev.trtpipe.exporters;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.trt.Precision;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Writes a DeepStream Gst-nvinfer primary-detector configuration ({@code config_infer_primary_<name>.txt})
 * and its labels file for a model, with preprocessing and clustering that match darknet's where nvinfer can.
 */
public final class DeepStreamExporter {

    /** 1/255 as the float32 nvinfer computes with, spelled as DeepStream's own configs spell it. */
    static final String NET_SCALE_FACTOR = "0.0039215697906911373";

    /** nvinfer {@code cluster-mode} values (Gst-nvinfer documentation). */
    static final int CLUSTER_NMS = 2;
    static final int CLUSTER_NONE = 4;

    /**
     * @param gpuId               {@code gpu-id}
     * @param batchSize           {@code batch-size}; empty: see {@link ModelDescription#batchFor}
     * @param precision           {@code network-mode} for an ONNX model (nvinfer builds the engine); an engine's is fixed
     * @param preClusterThreshold score threshold before clustering (darknet's {@code -thresh}, 0.25 in AB {@code detector test})
     * @param nmsIouThreshold     IoU threshold of nvinfer's NMS (darknet's 0.45)
     * @param parser              overrides the bounding-box parser chosen from the output layout
     */
    public record Options(String modelName, int gpuId, OptionalInt batchSize, Optional<Precision> precision,
                          double preClusterThreshold, double nmsIouThreshold, Optional<BboxParser> parser) {
        public Options {
            ModelName.checked(modelName);
            if (gpuId < 0) {
                throw new IllegalArgumentException("gpu id must be 0 or more, got " + gpuId);
            }
            requireUnit("pre-cluster threshold", preClusterThreshold);
            requireUnit("NMS IoU threshold", nmsIouThreshold);
        }

        /** Darknet's defaults: threshold 0.25, NMS 0.45, GPU 0, the model's batch and precision. */
        public static Options defaults(String modelName) {
            return new Options(modelName, 0, OptionalInt.empty(), Optional.empty(), 0.25, 0.45, Optional.empty());
        }

        private static void requireUnit(String what, double v) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(what + " must be between 0 and 1, got " + v);
            }
        }
    }

    private DeepStreamExporter() {
    }

    /** The config file's name for a model name. */
    public static String configFileName(String modelName) {
        return "config_infer_primary_" + modelName + ".txt";
    }

    /**
     * Writes {@code config_infer_primary_<name>.txt} and {@code labels.txt} into {@code outDir}. The config
     * refers to the model file by a path relative to {@code outDir}, as nvinfer resolves it.
     *
     * @return the files written
     * @throws java.nio.file.FileAlreadyExistsException when a target exists and {@code force} is off
     */
    public static List<Path> export(ModelDescription model, List<String> classNames, Path outDir, Options options,
                                    boolean force) throws IOException {
        String labels = "labels.txt";
        String config = config(model, classNames.size(), outDir, labels, options);
        return new OutputFiles()
                .text(outDir.resolve(configFileName(options.modelName())), config)
                .text(outDir.resolve(labels), String.join("\n", classNames) + "\n")
                .write(force);
    }

    /** The configuration text; {@code labelsFile} and the model path are written relative to {@code configDir}. */
    static String config(ModelDescription model, int namedClasses, Path configDir, String labelsFile, Options o) {
        Optional<DetectionSpec> spec = model.detection();
        int classes = spec.map(DetectionSpec::classes).orElse(namedClasses);
        Precision precision = precision(model, o.precision());
        OutputLayout layout = OutputLayout.of(model).orElse(null);
        BboxParser parser = o.parser().orElse(layout == OutputLayout.BATCHED_NMS ? BboxParser.BATCHED_NMS
                : layout == OutputLayout.EFFICIENT_NMS ? BboxParser.EFFICIENT_NMS : null);
        if (layout == null && parser == null) {
            throw new SettingException(model.file() + ": outputs " + model.outputs() + " are neither the raw darknet"
                    + " heads named in its metadata nor BatchedNMS/EfficientNMS outputs, so no parser can be chosen;"
                    + " pass {PARSE_FUNCTION} and {CUSTOM_LIBRARY} for your nvinfer bbox parser");
        }
        boolean nmsInGraph = layout == OutputLayout.BATCHED_NMS || layout == OutputLayout.EFFICIENT_NMS;
        boolean letterbox = spec.map(DetectionSpec::letterbox).orElse(false);
        int[] chw = inputChw(model);

        KeyFile f = new KeyFile();
        f.comment("DeepStream Gst-nvinfer config for '" + o.modelName() + "', written by trtpipe from "
                + model.file().getFileName() + ".");
        f.comment("Preprocessing as darknet: planar RGB, pixel/255, no mean; "
                + (letterbox ? "letterboxed (letter_box=1): aspect ratio kept, padding on both sides."
                        : "plain resize to the network size (letter_box=0)."));
        f.comment("nvinfer's scaling filter and padding differ from darknet's (align-corners bilinear, 0.5 grey),"
                + "\nso scores near the threshold can differ slightly from 'trtpipe detect'.");
        f.group("property");
        f.put("gpu-id", o.gpuId());
        f.put("net-scale-factor", NET_SCALE_FACTOR);
        f.put("model-color-format", 0);
        f.put(model.format() == ModelFormat.ONNX ? "onnx-file" : "model-engine-file", relative(configDir, model.file()));
        if (precision == Precision.INT8 && model.format() == ModelFormat.ONNX) {
            f.comment("INT8 from ONNX: nvinfer needs a calibration table to build the engine.");
            f.comment("int8-calib-file=calib.table");
        }
        f.put("labelfile-path", labelsFile);
        f.put("batch-size", model.batchFor(o.batchSize()));
        f.put("network-mode", networkMode(precision));
        f.put("network-type", 0);
        f.put("process-mode", 1);
        f.put("gie-unique-id", 1);
        f.put("num-detected-classes", classes);
        f.put("infer-dims", KeyFile.list(List.of(chw[0], chw[1], chw[2])));
        f.put("output-blob-names", KeyFile.list(model.outputs().stream().map(TensorInfo::name).toList()));
        f.put("maintain-aspect-ratio", letterbox ? 1 : 0);
        f.put("symmetric-padding", letterbox ? 1 : 0);
        if (nmsInGraph) {
            f.comment("NMS runs inside the model (" + layout.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " outputs): nvinfer must not cluster again.");
        } else if (spec.isPresent() && spec.get().nmsKind() != NmsKind.DEFAULT) {
            f.comment("The cfg asks for nms_kind=" + spec.get().nmsKind().cfgName() + " (DIoU); nvinfer's NMS is plain IoU,"
                    + "\nso heavily overlapping boxes may be kept or suppressed differently than by darknet.");
        }
        f.put("cluster-mode", nmsInGraph ? CLUSTER_NONE : CLUSTER_NMS);
        if (parser != null) {
            if (nmsInGraph && o.parser().isEmpty()) {
                f.comment(parser.functionName() + " is built from NVIDIA-AI-IOT/deepstream_tao_apps (post_processor);"
                        + "\nadjust custom-lib-path to where that library is.");
            }
            f.put("parse-bbox-func-name", parser.functionName());
            f.put("custom-lib-path", parser.library());
        } else {
            rawHeadsGuidance(f, spec.orElseThrow());
        }
        f.group("class-attrs-all");
        f.put("pre-cluster-threshold", o.preClusterThreshold());
        if (!nmsInGraph) {
            f.put("nms-iou-threshold", o.nmsIouThreshold());
        }
        return f.toString();
    }

    /** Raw heads have no stock nvinfer parser: say what a custom one must decode, with this model's numbers. */
    private static void rawHeadsGuidance(KeyFile f, DetectionSpec spec) {
        f.comment("The outputs are raw darknet YOLO heads (N, anchors*(5+classes), H, W); nvinfer has no built-in parser");
        f.comment("for them. Set parse-bbox-func-name and custom-lib-path to a custom YOLO parser that decodes darknet");
        f.comment("heads (sigmoid of x, y, objectness and classes, grid offsets, exp(w, h) * anchor, scale_x_y):");
        for (DetectionSpec.Head h : spec.heads()) {
            f.comment("  " + h.outputName() + ": " + h.kind().name().toLowerCase(Locale.ROOT) + ", grid " + h.gridHeight() + "x"
                    + h.gridWidth() + ", anchors " + anchors(h.anchors()) + ", scale_x_y " + h.scaleXY()
                    + ", new_coords " + (h.newCoords() ? 1 : 0) + ", classes " + h.classes());
        }
        f.comment("DeepStream-Yolo's NvDsInferParseYolo (libnvdsinfer_custom_impl_Yolo.so) is the usual YOLO parser, but it");
        f.comment("reads one decoded (boxes, score, class) tensor, which only the engines DeepStream-Yolo builds itself from");
        f.comment("the .cfg/.weights (engine-create-func-name=NvDsInferYoloCudaEngineGet) have; it cannot read these raw heads.");
        f.comment("parse-bbox-func-name=<your parser>");
        f.comment("custom-lib-path=<your parser library>.so");
    }

    private static String anchors(float[] a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.length; i += 2) {
            sb.append(i == 0 ? "" : " ").append(trim(a[i])).append(',').append(trim(a[i + 1]));
        }
        return sb.toString();
    }

    private static String trim(float v) {
        return v == Math.rint(v) ? Integer.toString((int) v) : Float.toString(v);
    }

    private static Precision precision(ModelDescription model, Optional<Precision> requested) {
        Precision p = requested.orElse(model.precision());
        if (model.format() == ModelFormat.TENSORRT_PLAN && p != model.precision()) {
            throw new SettingException(model.file() + " was built for " + model.precision().cliName()
                    + " and an engine's precision is fixed; drop {DEPLOYED_PRECISION} or rebuild the engine for " + p.cliName());
        }
        return p;
    }

    /** nvinfer {@code network-mode}: 0 FP32, 1 INT8, 2 FP16. */
    static int networkMode(Precision p) {
        return switch (p) {
            case FP32 -> 0;
            case INT8 -> 1;
            case FP16 -> 2;
        };
    }

    /** C, H, W of the image input, from its shape or, where that is symbolic, from the detection spec. */
    private static int[] inputChw(ModelDescription model) {
        long[] s = model.imageInput().shape();
        if (s[1] > 0 && s[2] > 0 && s[3] > 0) {
            return new int[] {(int) s[1], (int) s[2], (int) s[3]};
        }
        DetectionSpec spec = model.detection().orElseThrow(() -> new IllegalArgumentException(model.file()
                + ": input '" + model.imageInput().name() + "' has a dynamic channel/height/width and the model carries"
                + " no darknet metadata; re-export it with a fixed input size"));
        return new int[] {spec.channels(), spec.inputHeight(), spec.inputWidth()};
    }

    private static String relative(Path from, Path to) {
        Path rel = from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize());
        return rel.toString().replace('\\', '/');
    }
}
