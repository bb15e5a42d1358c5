package dev.trtpipe.uff;

/**
 * Translates one UFF operation into ONNX nodes. Implementations are registered per operation name in
 * {@link UffTranslators}; they read the node's fields, emit nodes through {@link UffTranslation} and
 * define the node's output tensor (named exactly as in the UFF graph).
 */
public interface UffTranslator {

    void translate(UffNode node, UffTranslation t);

    /** What the node becomes, for {@code inspect-etlt} (e.g. {@code Conv}, {@code Clip(0, 6)}). */
    String describe(UffNode node);
}
