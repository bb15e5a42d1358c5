package dev.trtpipe.api;

import dev.trtpipe.detect.ClassNames;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.backend.BackendRequest;
import dev.trtpipe.detect.backend.Backends;
import dev.trtpipe.detect.tao.NvinferConfig;
import dev.trtpipe.detect.tao.TaoDetectionSpec;
import dev.trtpipe.detect.tao.TaoPipeline;
import dev.trtpipe.trt.TrtUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens any detector as one {@link ObjectDetector}, choosing the backend from the model file:
 * <ul>
 *   <li>a darknet {@code .cfg} with its {@code .weights}: converted in memory, run by ONNX Runtime on the CPU;</li>
 *   <li>an {@code .onnx} written by trtpipe (darknet or TAO metadata), or any TAO detector's ONNX with
 *       {@link DetectorOptions#nvinferConfig()}: ONNX Runtime on the CPU;</li>
 *   <li>a TensorRT engine ({@code .plan}, {@code .engine}) built by trtpipe, with its {@code .json} sidecar:
 *       TensorRT on the GPU, where TensorRT and a GPU are present.</li>
 * </ul>
 *
 * <pre>{@code
 * try (ObjectDetector detector = Detectors.open(Path.of("yolov4-tiny.onnx"))) {
 *     detector.detect(Path.of("dog.jpg")).objects().forEach(System.out::println);
 * }
 * }</pre>
 */
public final class Detectors {

    private Detectors() {
    }

    /**
     * Opens an {@code .onnx} or engine with {@link DetectorOptions#defaults()}.
     *
     * @param model the model file
     * @return the detector, which the caller closes
     * @throws IOException                  the model cannot be read or loaded
     * @throws IllegalArgumentException     the model is not a detector trtpipe knows how to decode
     * @throws TensorRtUnavailableException an engine on a host without TensorRT or a GPU
     */
    public static ObjectDetector open(Path model) throws IOException {
        return open(model, DetectorOptions.defaults());
    }

    /**
     * Opens an {@code .onnx} or engine.
     *
     * @param model   the model file
     * @param options thresholds, class names, a TAO nvinfer config
     * @return the detector, which the caller closes
     * @throws IOException                  the model, names file or nvinfer config cannot be read or loaded
     * @throws IllegalArgumentException     the model is not a detector trtpipe knows how to decode, or the
     *                                      options do not fit it
     * @throws TensorRtUnavailableException an engine on a host without TensorRT or a GPU
     */
    public static ObjectDetector open(Path model, DetectorOptions options) throws IOException {
        return open(new BackendRequest(model, Optional.empty(), options.threads()), options);
    }

    /**
     * Opens a darknet model from its {@code .cfg} and {@code .weights}.
     *
     * @param cfg     the darknet network description
     * @param weights its trained weights
     * @param options thresholds, class names
     * @return the detector, which the caller closes
     * @throws IOException              a file cannot be read
     * @throws IllegalArgumentException a malformed cfg or weights file (named with the line or byte offset), a
     *                                  cfg without a {@code [yolo]} or {@code [region]} layer, or a model file
     *                                  that is not a {@code .cfg}
     */
    public static ObjectDetector open(Path cfg, Path weights, DetectorOptions options) throws IOException {
        BackendRequest cfgOnly = BackendRequest.of(cfg);
        if (!cfgOnly.extension().equals("cfg")) {
            throw new IllegalArgumentException(cfg + ": weights go with a darknet .cfg only; a ." + cfgOnly.extension()
                    + " model carries its own (open it without weights)");
        }
        return open(new BackendRequest(cfg, Optional.of(Objects.requireNonNull(weights, "weights")), options.threads()), options);
    }

    private static ObjectDetector open(BackendRequest request, DetectorOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        // read before the model loads: a typo in the config path should not cost a model load
        Optional<NvinferConfig> nvinfer = options.nvinferConfig().isPresent()
                ? Optional.of(NvinferConfig.parse(options.nvinferConfig().get())) : Optional.empty();
        InferenceBackend backend = openBackend(request);
        try {
            String name = request.model().toString();
            Detector detector = detector(name, backend, nvinfer, options);
            return new ObjectDetector(request.model(), backend, detector, names(request.model(), detector, options));
        } catch (IOException | RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    private static InferenceBackend openBackend(BackendRequest request) throws IOException {
        try {
            return Backends.open(request);
        } catch (TrtUnavailableException e) {
            throw new TensorRtUnavailableException(request.model() + ": running a TensorRT engine needs TensorRT and an"
                    + " NVIDIA GPU: " + e.getMessage(), e);
        }
    }

    /** A TAO detector with the given config or the spec in the metadata (the threshold applied), else the metadata's darknet spec. */
    private static Detector detector(String name, InferenceBackend backend, Optional<NvinferConfig> nvinfer, DetectorOptions options) {
        Optional<TaoDetectionSpec> tao = nvinfer.map(NvinferConfig::spec);
        if (tao.isEmpty() && TaoDetectionSpec.isPresentIn(backend.metadata()) && options.threshold().isPresent()) {
            try {
                tao = Optional.of(TaoDetectionSpec.fromMetadata(backend.metadata()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
        }
        if (tao.isPresent()) {
            TaoDetectionSpec spec = options.threshold().map(tao.get()::withPreClusterThreshold).orElse(tao.get());
            return Detector.forTao(name, backend, spec);
        }
        return Detector.fromMetadata(name, backend, options.settings());
    }

    private static ClassNames names(Path model, Detector detector, DetectorOptions options) throws IOException {
        int classes = detector.pipeline().classes();
        if (options.names().isPresent()) {
            return ClassNames.load(options.names().get(), classes);
        }
        List<String> labels = detector.pipeline() instanceof TaoPipeline t ? t.spec().labels() : List.of();
        if (!labels.isEmpty()) {
            return ClassNames.of(labels);
        }
        Optional<Path> beside = ClassNames.besideModel(model, classes);
        return beside.isPresent() ? ClassNames.load(beside.get(), classes) : ClassNames.numbered();
    }
}
