package dev.trtpipe.api;

import dev.trtpipe.detect.ClassNames;
import dev.trtpipe.detect.DetectionResult;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.PixelBox;
import dev.trtpipe.detect.preprocess.BufferedImages;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A detector that owns its model: open it with {@link Detectors#open}, detect, close it (in
 * try-with-resources) to release the backend's native memory. The pre- and post-processing are darknet's
 * for darknet models and nvinfer's for TAO detectors, whichever backend runs the network.
 *
 * <p>Calls are serialized: the detector reuses one input buffer, so sharing it between threads is safe
 * but not faster. For throughput, open one detector per thread.
 */
public final class ObjectDetector implements AutoCloseable {

    private static final String IN_MEMORY = "BufferedImage";

    private final Path model;
    private final InferenceBackend backend;
    private final Detector detector;
    private final ClassNames names;
    private boolean closed;

    ObjectDetector(Path model, InferenceBackend backend, Detector detector, ClassNames names) {
        this.model = model;
        this.backend = backend;
        this.detector = detector;
        this.names = names;
    }

    /**
     * Detects objects in an image file (JPEG, PNG, BMP, GIF).
     *
     * @param image the image file
     * @return the detections, boxes in the image's pixels
     * @throws IOException           the image cannot be read or decoded (the message names the file), or the
     *                               network failed
     * @throws IllegalStateException the detector was closed
     */
    public synchronized Detections detect(Path image) throws IOException {
        checkOpen();
        return detections(detector.detect(Objects.requireNonNull(image, "image")));
    }

    /**
     * Detects objects in an image already in memory (RGB or grey; alpha is ignored).
     *
     * @param image the image
     * @return the detections, boxes in the image's pixels; the source is {@code BufferedImage}
     * @throws IOException              the network failed
     * @throws IllegalArgumentException a colour space other than RGB or grey
     * @throws IllegalStateException    the detector was closed
     */
    public synchronized Detections detect(BufferedImage image) throws IOException {
        checkOpen();
        return detections(detector.detect(BufferedImages.toRgb(image), IN_MEMORY));
    }

    /**
     * The model this detector runs.
     *
     * @return the model file as given to {@link Detectors#open}
     */
    public Path model() {
        return model;
    }

    /**
     * What runs the network, e.g. {@code onnxruntime-cpu} or {@code tensorrt}.
     *
     * @return the backend's name
     */
    public String backendName() {
        return backend.name();
    }

    /**
     * The class names, class 0 first; empty when the model's names are unknown (detections are then
     * named {@code class N}).
     *
     * @return the names
     */
    public List<String> classNames() {
        return names.names();
    }

    /**
     * The network's input width: images are resized (or letterboxed) to it.
     *
     * @return pixels
     */
    public int inputWidth() {
        return detector.pipeline().inputWidth();
    }

    /**
     * The network's input height.
     *
     * @return pixels
     */
    public int inputHeight() {
        return detector.pipeline().inputHeight();
    }

    /**
     * The post-processing in words, e.g. {@code nms greedynms 0.45, thresh 0.25}.
     *
     * @return a one-line description
     */
    public String describePostprocessing() {
        return detector.describePostprocessing();
    }

    /** Releases the backend; later calls to {@code detect} fail. Closing twice does nothing. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            backend.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(model + ": the detector is closed");
        }
    }

    private Detections detections(DetectionResult result) {
        List<DetectedObject> objects = result.detections().stream().map(this::object).toList();
        return new Detections(result.source(), result.width(), result.height(), objects,
                Duration.ofNanos(result.timings().totalNanos()));
    }

    private DetectedObject object(Detection d) {
        PixelBox p = d.pixels();
        return new DetectedObject(d.classId(), names.name(d.classId()), d.probability(),
                new ImageBox(p.left(), p.top(), p.right(), p.bottom()));
    }
}
