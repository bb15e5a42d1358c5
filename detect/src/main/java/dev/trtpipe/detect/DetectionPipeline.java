package dev.trtpipe.detect;

import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What a model family needs around the network: how an image becomes its input tensor, and how its
 * outputs become detections. {@link Detector} runs the network between the two and times the stages;
 * a pipeline knows nothing about backends. Darknet YOLO models use {@link DarknetPipeline}, TAO
 * detectors {@code dev.trtpipe.detect.tao.TaoPipeline}.
 *
 * <p>Implementations must be safe to share between detectors on several threads: the buffers are the
 * caller's.
 */
public interface DetectionPipeline {

    /** Network input width, height and channels (the tensor is {@code channels × height × width} per image). */
    int inputWidth();

    int inputHeight();

    int inputChannels();

    /** Number of classes the detections can have (for names and colours). */
    int classes();

    /** Floats per image in the input tensor. */
    default int tensorSize() {
        return inputChannels() * inputWidth() * inputHeight();
    }

    /**
     * Writes one image's tensor into {@code dst} at {@code offset}.
     *
     * @return where the image lies in the input, handed back to {@link #detections}
     */
    ImagePlacement write(RgbImage image, float[] dst, int offset);

    /**
     * Checks that the backend outputs what this pipeline decodes.
     *
     * @throws IllegalArgumentException saying which output is missing or has the wrong shape
     */
    void checkOutputs(List<TensorInfo> outputs);

    /** Detections of batch item {@code item}, sorted by falling probability. */
    List<Detection> detections(Map<String, float[]> outputs, int item, ImagePlacement placement) throws IOException;

    /** The preprocessing in words, e.g. {@code letterbox} or {@code keep-aspect, x·0.0039 - (0,0,0), RGB}. */
    String describePreprocessing();

    /** The post-processing in words, e.g. {@code nms greedynms 0.45, thresh 0.25}. */
    String describePostprocessing();
}
