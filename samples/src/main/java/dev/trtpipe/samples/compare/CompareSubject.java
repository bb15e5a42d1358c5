package dev.trtpipe.samples.compare;

import java.nio.file.Path;

/**
 * The network both paths start from: a darknet model (the TAO side packages its ONNX as an
 * {@code .etlt}) or a TAO {@code .etlt} (the raw side decrypts it to ONNX).
 */
public sealed interface CompareSubject permits DarknetSubject, EtltSubject {

    /** One line naming the model, for the report title. */
    String describe();

    /** The key of the {@code .etlt} (literal, {@code env:NAME} or {@code file:PATH}). */
    String keySpec();

    /** The raw path's first stage: the ONNX model, written to {@code onnx}. */
    Produced toOnnx(Path onnx) throws Exception;

    /** The TAO path's first stage: the {@code .etlt}, made from the raw {@code onnx} at {@code etlt} or given. */
    Produced toEtlt(Path onnx, Path etlt) throws Exception;
}
