package dev.trtpipe.onnx;

import dev.trtpipe.darknet.Activation;
import dev.trtpipe.darknet.DarknetFormatException;
import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DarknetWeights;
import dev.trtpipe.darknet.Layer;
import dev.trtpipe.darknet.LayerWeights;
import java.nio.file.Path;

/**
 * The state translators share while a model is converted: the graph, the options, each layer's
 * weights, and which ONNX tensor holds each layer's output so far. Layers that darknet computes in place
 * or aliases ({@code [dropout]}, single-input {@code [route]}, {@code [yolo]}) get no node: their index
 * maps to the tensor they pass through, and {@link #materialize} names it when it must be visible.
 */
final class TranslationContext {

    private final OnnxGraph graph;
    private final DarknetModel model;
    private final DarknetWeights weights;
    private final ConversionOptions options;
    private final String[] tensors;
    private final String cfgName;

    TranslationContext(OnnxGraph graph, DarknetModel model, DarknetWeights weights, ConversionOptions options) {
        this.graph = graph;
        this.model = model;
        this.weights = weights;
        this.options = options;
        this.tensors = new String[model.layers().size()];
        this.cfgName = String.valueOf(Path.of(model.fileName()).getFileName());
    }

    OnnxGraph graph() {
        return graph;
    }

    ConversionOptions options() {
        return options;
    }

    DarknetModel model() {
        return model;
    }

    /** The tensor a layer reads: the previous layer's output, or the network input for layer 0. */
    String inputOf(Layer layer) {
        return layer.index() == 0 ? DarknetModel.INPUT_NAME : tensorOf(layer.index() - 1);
    }

    String tensorOf(int layerIndex) {
        String t = tensors[layerIndex];
        if (t == null) {
            throw new IllegalStateException("layer " + layerIndex + " has not been translated");
        }
        return t;
    }

    /** Registers a tensor this layer's nodes computed. */
    void produce(Layer layer, String tensor) {
        tensors[layer.index()] = tensor;
    }

    /** Registers that this layer passes another tensor through unchanged. */
    void alias(Layer layer, String tensor) {
        tensors[layer.index()] = tensor;
    }

    /** Makes layer {@code index}'s output available under its own name {@code NNN_type} (an Identity if aliased). */
    String materialize(int index) {
        Layer layer = model.layer(index);
        String current = tensorOf(index);
        if (!current.equals(layer.tensorName())) {
            graph.node("Identity", layer.tensorName() + "/identity").inputs(current).output(layer.tensorName())
                    .doc(doc(layer)).add();
        }
        return layer.tensorName();
    }

    /** The name a layer's pre-activation result should get: its final name when there is no activation. */
    String preActivationName(Layer layer, Activation activation) {
        return activation == Activation.LINEAR ? layer.tensorName() : layer.tensorName() + "/pre_act";
    }

    /** Applies the activation (if any) to {@code preActivation}, naming the result after the layer, and registers it. */
    void finish(Layer layer, Activation activation, String preActivation) {
        if (activation != Activation.LINEAR) {
            ActivationEmitter.emit(graph, activation, preActivation, layer.tensorName(), layer.tensorName() + "/" + activation.cfgName(),
                    doc(layer), () -> unsupported(layer, "activation=" + activation.cfgName()));
        }
        produce(layer, layer.tensorName());
    }

    LayerWeights weightsOf(Layer layer) {
        return weights.forLayer(layer.index()).orElseThrow(
                () -> new IllegalStateException("layer " + layer.index() + " has no weights"));
    }

    /** Whether {@code [connected]} matrices are stored transposed (header version above 1000). */
    boolean transposedMatrices() {
        return weights.header().transpose();
    }

    /** The node doc string: darknet section, cfg file and line, options. */
    String doc(Layer layer) {
        return "darknet [" + layer.type() + "] " + cfgName + ":" + layer.line()
                + (layer.parameters().isEmpty() ? "" : " " + layer.parameters());
    }

    /** Node name {@code NNN_type/suffix}. */
    String nodeName(Layer layer, String suffix) {
        return layer.tensorName() + "/" + suffix;
    }

    DarknetFormatException unsupported(Layer layer, String what) {
        return new DarknetFormatException(model.fileName() + ":" + layer.line() + ": [" + layer.type() + "] " + what
                + " has no ONNX translation in trtpipe; change the cfg or use darknet");
    }
}
