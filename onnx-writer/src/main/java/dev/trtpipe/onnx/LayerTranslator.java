package dev.trtpipe.onnx;

import dev.trtpipe.darknet.Layer;

/**
 * Turns one darknet section into ONNX nodes (the way onnx-tensorrt keeps one importer per ONNX op).
 * A translator reads its inputs with {@link TranslationContext#inputOf} / {@link TranslationContext#tensorOf}
 * and must end by registering the layer's output tensor ({@link TranslationContext#produce} or
 * {@link TranslationContext#alias}).
 */
interface LayerTranslator<L extends Layer> {

    void translate(L layer, TranslationContext ctx);
}
