package dev.trtpipe.detect;

import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.PixelMemory;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.util.List;
import java.util.Map;

/**
 * A backend that makes darknet's network input itself from the decoded images — e.g. a TensorRT engine
 * that resizes and letterboxes on the GPU, straight into its input binding — instead of taking a float
 * tensor the CPU prepared. Every value must equal what {@link dev.trtpipe.detect.preprocess.Preprocessor}
 * writes for the same image and placement, bit for bit: only where the work runs changes.
 *
 * <p>{@link BatchDetector} uses it when asked to ({@link BatchDetector.InputPreparation#BACKEND}): the CPU
 * then neither resizes nor writes floats; what crosses to the device is 3 bytes per source pixel instead of
 * 12 per input pixel.
 */
public interface DarknetInputBackend {

    /**
     * Runs one batch: item i is {@code images.get(i)} placed as {@code placements.get(i)} (darknet's resize,
     * or letterbox on 0.5 grey); items from {@code images.size()} up to {@code shape[0]} are zeros.
     *
     * @param shape the input's concrete NCHW shape, {@code shape[0] >= images.size()}
     * @return every output, as {@link InferenceBackend#infer} returns them
     */
    Map<String, float[]> inferDarknetInputs(List<RgbImage> images, List<ImagePlacement> placements, long[] shape) throws Exception;

    /**
     * Like {@link #inferDarknetInputs(List, List, long[])}, converting the outputs into arrays of {@code into} where
     * the backend can (a TensorRT engine does), instead of new ones: those arrays are valid until the next call
     * with the same {@code into}. By default {@code into} is not used.
     */
    default Map<String, float[]> inferDarknetInputs(List<RgbImage> images, List<ImagePlacement> placements, long[] shape,
                                                    OutputArrays into) throws Exception {
        return inferDarknetInputs(images, placements, shape);
    }

    /**
     * Like {@link #inferDarknetInputs(List, List, long[], OutputArrays)}, bringing back from the device only the
     * anchors {@code filter} selects for the heads it names (see {@link CandidateFilter} for what the returned
     * head arrays then hold), where the backend can. By default the filter is not used: whole heads are returned,
     * which the decode reads to the same detections.
     */
    default Map<String, float[]> inferDarknetInputs(List<RgbImage> images, List<ImagePlacement> placements, long[] shape,
                                                    OutputArrays into, CandidateFilter filter) throws Exception {
        return inferDarknetInputs(images, placements, shape, into);
    }

    /**
     * Where images meant for {@link #inferDarknetInputs} are best made: memory this backend reads without a copy
     * first (e.g. pinned host memory a GPU copies from by DMA). Images in other memory work too, through a
     * copy. The heap unless the backend says otherwise.
     */
    default PixelMemory pixelMemory() {
        return PixelMemory.HEAP;
    }
}
