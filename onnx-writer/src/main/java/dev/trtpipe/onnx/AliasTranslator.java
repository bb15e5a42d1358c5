package dev.trtpipe.onnx;

import dev.trtpipe.darknet.Layer;

/**
 * Sections that are the identity at inference ({@code [dropout]}, {@code [empty]}) or, like
 * {@code [yolo]}/{@code [region]}, whose raw input is what the graph exports: no node, the layer's index
 * maps to its input tensor. Head decoding is left to the runner (or a later graph pass).
 */
final class AliasTranslator implements LayerTranslator<Layer> {

    @Override
    public void translate(Layer layer, TranslationContext ctx) {
        ctx.alias(layer, ctx.inputOf(layer));
    }
}
