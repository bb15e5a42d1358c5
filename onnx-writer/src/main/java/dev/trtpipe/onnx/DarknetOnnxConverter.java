package dev.trtpipe.onnx;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DarknetWeights;
import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.darknet.Layer;
import dev.trtpipe.darknet.RegionLayer;
import dev.trtpipe.darknet.Shape;
import dev.trtpipe.darknet.YoloLayer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Darknet model + weights → ONNX graph: the input {@code input} (N×C×H×W float32, RGB in [0, 1]), one
 * translator per layer, and as graph outputs the raw tensors feeding each {@code [yolo]}/{@code [region]}
 * in cfg order, named {@code NNN_convolutional} like TensorRT's yolov3 sample. Metadata carries the
 * source files, the {@link DetectionSpec} entries, each head's mask and {@code darknet.head_mode=raw};
 * {@link HeadPasses} turn the raw heads into decoded candidates or final detections.
 */
public final class DarknetOnnxConverter {

    private DarknetOnnxConverter() {
    }

    public static ConvertedModel convert(DarknetModel model, DarknetWeights weights, ConversionOptions options) {
        return convert(model, weights, options, LayerTranslators.standard());
    }

    /** As {@link #convert(DarknetModel, DarknetWeights, ConversionOptions)} with other translators (tests' own sections). */
    static ConvertedModel convert(DarknetModel model, DarknetWeights weights, ConversionOptions options,
                                  LayerTranslators translators) {
        String cfgName = fileName(model.fileName());
        OnnxGraph graph = new OnnxGraph(stem(cfgName), options.opset());
        graph.addInput(DarknetModel.INPUT_NAME, dims(model.net().input()), options.dynamicBatch());
        TranslationContext ctx = new TranslationContext(graph, model, weights, options);
        for (Layer layer : model.layers()) {
            translators.translate(layer, ctx);
        }

        Optional<DetectionSpec> spec = model.detectionSpec();
        List<HeadOutput> heads = new ArrayList<>();
        spec.ifPresent(s -> s.heads().forEach(h -> {
            Layer feeding = model.layer(h.layerIndex() - 1);
            heads.add(new HeadOutput(h, ctx.materialize(feeding.index()), dims(feeding.output())));
        }));

        Set<String> outputs = new LinkedHashSet<>();
        heads.forEach(h -> addOutput(graph, outputs, h.tensor(), h.dims(), options));
        if (heads.isEmpty()) {
            Layer last = model.layers().get(model.layers().size() - 1);
            addOutput(graph, outputs, ctx.materialize(last.index()), dims(last.output()), options);
        }
        if (options.exposeLayers()) {
            for (Layer layer : model.layers()) {
                if (!(layer instanceof YoloLayer) && !(layer instanceof RegionLayer)) {
                    addOutput(graph, outputs, ctx.materialize(layer.index()), dims(layer.output()), options);
                }
            }
        }

        graph.putMetadata("trtpipe.converter", "trtpipe darknet2onnx " + ConvertedModel.PRODUCER_VERSION);
        graph.putMetadata("trtpipe.source_cfg", cfgName);
        graph.putMetadata("trtpipe.source_weights", fileName(weights.path().toString()));
        graph.putMetadata("trtpipe.weights_version", weights.header().version());
        if (!weights.missingLayers().isEmpty()) {
            graph.putMetadata("trtpipe.zero_filled_layers", weights.missingLayers().stream()
                    .map(l -> String.valueOf(l.index())).collect(Collectors.joining(",")));
        }
        graph.putMetadata("trtpipe.options", "opset=" + options.opset() + " dynamic_batch=" + options.dynamicBatch()
                + " expose_layers=" + options.exposeLayers() + " fold_bn=" + options.foldBatchNorm());
        spec.ifPresent(s -> {
            s.toMetadata().forEach(graph::putMetadata);
            HeadMode.raw().toMetadata().forEach(graph::putMetadata); // a GraphPass may change the outputs and the mode
            for (int i = 0; i < s.heads().size(); i++) {
                if (model.layer(s.heads().get(i).layerIndex()) instanceof YoloLayer y) {
                    graph.putMetadata(DetectionSpec.KEY_PREFIX + "head." + i + ".mask",
                            Arrays.stream(y.mask()).mapToObj(String::valueOf).collect(Collectors.joining(",")));
                }
            }
        });
        return new ConvertedModel(graph, model, weights, options, heads);
    }

    private static void addOutput(OnnxGraph graph, Set<String> outputs, String tensor, long[] dims, ConversionOptions options) {
        if (outputs.add(tensor)) {
            graph.addOutput(tensor, dims, options.dynamicBatch());
        }
    }

    private static long[] dims(Shape shape) {
        return new long[]{1, shape.channels(), shape.height(), shape.width()};
    }

    private static String fileName(String path) {
        Path name = Path.of(path).getFileName();
        return name == null ? path : name.toString();
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
