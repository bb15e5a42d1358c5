package dev.trtpipe.trt;

import java.io.IOException;
import java.util.Optional;

/**
 * The data an INT8 calibration sees: full NCHW float batches of the network input, produced on demand
 * while TensorRT calibrates.
 */
public interface CalibrationBatches {

    /** Images per batch (N); every batch has exactly this many. */
    int batchSize();

    /** The next batch, {@code batchSize * C * H * W} floats in NCHW order, or empty when there are no more. */
    Optional<float[]> next() throws IOException;

    /** Batches this source will produce in total (for progress messages). */
    int batchCount();
}
