/**
 * trtpipe's public Java API: one call per task, over the stage libraries.
 *
 * <ul>
 *   <li>{@link dev.trtpipe.api.DarknetConversion#toOnnx DarknetConversion.toOnnx}: a darknet {@code .cfg} and
 *       {@code .weights} to an ONNX file, options in one {@link dev.trtpipe.api.ConversionOptions} record;</li>
 *   <li>{@link dev.trtpipe.api.Detectors#open Detectors.open}: any detector (a darknet {@code .cfg} with its weights,
 *       an {@code .onnx}, a TensorRT engine, a TAO model) as one {@link dev.trtpipe.api.ObjectDetector} that owns
 *       its backend and detects on a {@link java.awt.image.BufferedImage} or an image file;</li>
 *   <li>{@link dev.trtpipe.api.Engines#build Engines.build}: an ONNX model to a TensorRT engine;</li>
 *   <li>{@link dev.trtpipe.api.Etlt#decrypt Etlt.decrypt} and {@link dev.trtpipe.api.Etlt#inspect Etlt.inspect}:
 *       a TAO {@code .etlt} model's payload and what it declares.</li>
 * </ul>
 *
 * <p>Exceptions name the files and values involved, never command-line flags: an
 * {@link java.io.IOException} for a file that cannot be read or written, an
 * {@link java.lang.IllegalArgumentException} for a malformed model file (with its line or byte offset) or a
 * request that does not fit the model, and a {@link dev.trtpipe.api.TensorRtUnavailableException} where TensorRT or a GPU is needed
 * but missing. Every file is written completely or not at all.
 */
package dev.trtpipe.api;
