package dev.trtpipe.api;

import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.BuildReport;
import dev.trtpipe.trt.EngineBuilder;
import dev.trtpipe.trt.TrtAvailability;
import dev.trtpipe.trt.TrtUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An ONNX model to a TensorRT engine in one call. The engine gets a {@code .json} sidecar (its source,
 * precision, tensors and the model's metadata), so {@link Detectors#open} can run it as a detector.
 *
 * <pre>{@code
 * BuildReport engine = Engines.build(Path.of("yolov4-tiny.onnx"), Path.of("yolov4-tiny.plan"),
 *         BuildOptions.builder().precision(Precision.FP16).timingCache(Path.of("trt.cache")).build());
 * }</pre>
 */
public final class Engines {

    private Engines() {
    }

    /**
     * Builds an engine with default options: FP32, 1 GiB workspace, TensorRT's default optimization level.
     *
     * @param onnx   the ONNX model
     * @param engine the engine file to write (with {@code engine.json} beside it)
     * @return what was built
     * @throws IOException                  the model cannot be read or parsed, or a file cannot be written
     * @throws IllegalArgumentException     the model needs options it was not given (a profile for a dynamic input)
     * @throws TensorRtUnavailableException no TensorRT or GPU on this host
     */
    public static BuildReport build(Path onnx, Path engine) throws IOException {
        return build(onnx, engine, BuildOptions.builder().build());
    }

    /**
     * Builds an engine. Everything that can be checked without TensorRT (the model parses, dynamic inputs have
     * profiles, INT8 has calibration data) is checked first, so such mistakes show on hosts without a GPU too.
     *
     * @param onnx    the ONNX model
     * @param engine  the engine file to write (with {@code engine.json} beside it); written completely or not at all
     * @param options precision, shapes, calibration, caches: start from {@code BuildOptions.builder()}
     * @return what was built: the files, the time taken, TensorRT's warnings
     * @throws IOException                  the model cannot be read or parsed, or a file cannot be written
     * @throws IllegalArgumentException     the options do not fit the model
     * @throws TensorRtUnavailableException no TensorRT or GPU on this host
     */
    public static BuildReport build(Path onnx, Path engine, BuildOptions options) throws IOException {
        Objects.requireNonNull(onnx, "onnx");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(options, "options");
        try {
            return EngineBuilder.create().build(onnx, engine, options);
        } catch (TrtUnavailableException e) {
            throw new TensorRtUnavailableException(onnx + ": building " + engine + " needs TensorRT and an NVIDIA GPU: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Whether engines can be built and run here: TensorRT's libraries load and a CUDA device answers. The
     * probe runs once per JVM.
     *
     * @return true where TensorRT works
     */
    public static boolean tensorRtAvailable() {
        return TrtAvailability.isAvailable();
    }
}
