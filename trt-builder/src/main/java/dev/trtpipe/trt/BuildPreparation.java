package dev.trtpipe.trt;

import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.SettingNote;
import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.onnx.OnnxModelInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a build request without TensorRT: the model parses, every dynamic input has a profile, INT8
 * has calibration data, files and folders exist. Each problem is one message naming the file and the fix.
 */
final class BuildPreparation {

    private BuildPreparation() {
    }

    static PreparedBuild prepare(String source, Optional<Path> modelPath, byte[] onnx, Path plan, BuildOptions options)
            throws IOException {
        OnnxModelInfo model = OnnxModelInfo.parse(onnx, source);
        List<SettingNote> warnings = new ArrayList<>();
        checkOutputs(modelPath, plan, options);
        ProfileResolver.Resolution profiles = ProfileResolver.resolve(model, options, source);
        warnings.addAll(profiles.warnings());
        Optional<PreparedBuild.Calibration> calibration = Optional.empty();
        if (options.precision() == Precision.INT8) {
            calibration = Optional.of(calibration(model, profiles, options, source, warnings));
        } else if (options.calibrationImages().isPresent() || options.calibrationCache().isPresent()) {
            warnings.add(new SettingNote("{CALIBRATION_IMAGES}/{CALIBRATION_CACHE} ignored: they only apply to {PRECISION} int8"));
        }
        for (Path lib : options.pluginLibraries()) {
            if (!Files.isRegularFile(lib)) {
                throw new BuildSettingException(BuildSettingException.Setting.PLUGIN_LIBRARY, lib + ": plugin library does not exist");
            }
        }
        if (options.dlaCore().isPresent() && options.dlaCore().get() < 0) {
            throw new BuildSettingException(BuildSettingException.Setting.DLA_CORE, "DLA core " + options.dlaCore().get()
                    + ": a DLA core number is 0 or more");
        }
        return new PreparedBuild(source, modelPath, onnx, model, plan, options, profiles.profiles(), calibration, warnings);
    }

    private static void checkOutputs(Optional<Path> modelPath, Path plan, BuildOptions options) {
        Path dir = plan.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(plan + ": the engine's folder " + dir + " does not exist; create it first");
        }
        if (modelPath.isPresent() && modelPath.get().toAbsolutePath().normalize().equals(plan.toAbsolutePath().normalize())) {
            throw new SettingException(plan + ": the engine would overwrite the ONNX model; give another {ENGINE} path");
        }
        options.timingCache().ifPresent(t -> {
            Path parent = t.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new IllegalArgumentException(t + ": the timing cache's folder does not exist; create it first");
            }
        });
    }

    private static PreparedBuild.Calibration calibration(OnnxModelInfo model, ProfileResolver.Resolution profiles,
                                                         BuildOptions options, String source, List<SettingNote> warnings)
            throws IOException {
        Optional<Path> images = options.calibrationImages();
        Optional<Path> cacheFile = options.calibrationCache();
        Optional<byte[]> existing = Optional.empty();
        if (cacheFile.isPresent() && Files.isRegularFile(cacheFile.get())) {
            byte[] bytes = Files.readAllBytes(cacheFile.get());
            CalibrationCache cache = CalibrationCache.parse(bytes, cacheFile.get().toString());
            if (!cache.algorithm().equals(CalibrationCache.ENTROPY_2)) {
                throw new SettingException(cacheFile.get() + ": written by the " + cache.algorithm()
                        + " calibrator, but trtpipe calibrates with " + CalibrationCache.ENTROPY_2
                        + ", so TensorRT would ignore it; delete it and give {CALIBRATION_IMAGES DIR} to recalibrate");
            }
            long matching = cache.matchingTensors(model.tensorNames());
            if (matching == 0) {
                warnings.add(new SettingNote(cacheFile.get() + " names none of " + source + "'s tensors: it was written for another model"));
            }
            existing = Optional.of(bytes);
        }
        if (images.isEmpty() && existing.isEmpty()) {
            throw new SettingException(source + ": {PRECISION} int8 needs calibration data: give {CALIBRATION_IMAGES DIR} (a few hundred"
                    + " images like the ones the model will see)" + cacheFile.map(c -> "; the calibration cache " + c
                    + " does not exist yet and will be written").orElse(" or {CALIBRATION_CACHE FILE} (an existing TensorRT calibration cache)"));
        }
        if (model.inputs().size() != 1) {
            throw new SettingException(source + ": INT8 calibration supports models with one input; this one has "
                    + model.inputs().size() + "; build {PRECISION} fp16 instead");
        }
        TensorInfo input = model.inputs().get(0);
        long[] shape = input.shape();
        ShapeProfile profile = profiles.profileOf(input.name());
        if (shape.length != 4) {
            throw new IllegalArgumentException(source + ": INT8 calibration needs an NCHW image input; '" + input.name() + "' is "
                    + ProfileResolver.dims(shape));
        }
        // a fixed-batch model calibrates at its own batch; a dynamic one at the requested size within its profile
        long[] batchShape = profile != null ? profile.opt() : shape;
        if (profile != null) {
            batchShape[0] = Math.max(profile.min()[0], Math.min(options.calibrationBatchSize(), profile.max()[0]));
        }
        if (images.isPresent()) {
            int found = ImageFolderBatches.list(images.get()).size();
            if (found < batchShape[0]) {
                throw new IllegalArgumentException(images.get() + ": INT8 calibration needs at least one batch of " + batchShape[0]
                        + " images (jpg, png, bmp), found " + found + "; add images like the ones the model will see");
            }
        }
        return new PreparedBuild.Calibration(input.name(), batchShape, images, existing, cacheFile);
    }
}
