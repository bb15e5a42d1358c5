package dev.trtpipe.trt;

import dev.trtpipe.detect.SettingNote;
import dev.trtpipe.onnx.OnnxModelInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A build request checked against the ONNX model and the file system, ready for TensorRT: everything
 * that can be wrong with the input has been reported by the time one of these exists.
 *
 * @param source       the model's name in messages (its path, or the caller's label for bytes)
 * @param modelPath    the model file, when built from one (the parser resolves external weights beside it)
 * @param onnx         the model bytes
 * @param calibration  what INT8 calibration reads (empty for fp32/fp16)
 * @param warnings     notes for the user (ignored options, a cache that matches few tensors)
 */
record PreparedBuild(String source, Optional<Path> modelPath, byte[] onnx, OnnxModelInfo model, Path plan,
                     BuildOptions options, List<ShapeProfile> profiles, Optional<Calibration> calibration,
                     List<SettingNote> warnings) {

    PreparedBuild {
        profiles = List.copyOf(profiles);
        warnings = List.copyOf(warnings);
    }

    /**
     * INT8 calibration input.
     *
     * @param inputName     the network input being calibrated
     * @param batchShape    N, C, H, W of each calibration batch
     * @param imageFolder   images to calibrate on (empty: the cache must suffice)
     * @param existingCache the cache file's bytes when it exists (TensorRT then skips calibrating)
     * @param cacheFile     where the cache is read from / written to
     */
    record Calibration(String inputName, long[] batchShape, Optional<Path> imageFolder, Optional<byte[]> existingCache,
                       Optional<Path> cacheFile) {
        int itemSize() {
            return (int) (batchShape[1] * batchShape[2] * batchShape[3]);
        }
    }
}
