package dev.trtpipe.trt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything that shapes an engine build, independent of how the user spelled it (trtexec-style
 * {@code onnx2trt} flags or tao-converter's). Immutable; make one with {@link #builder()}.
 *
 * @param precision          fp32, fp16 or int8
 * @param int8Fp16Fallback   with INT8, also allow FP16 kernels for layers INT8 does not suit
 * @param workspaceBytes     workspace memory-pool limit
 * @param profiles           explicit optimization profiles, one per dynamic input
 * @param batchRange         {@code min:opt:max} batch shortcut for batch-dynamic models (empty: none)
 * @param calibrationImages  folder of images for INT8 entropy calibration (empty: none)
 * @param calibrationCache   calibration cache to read if present, and to write after calibrating
 * @param calibrationBatchSize images per calibration batch
 * @param maxCalibrationBatches upper bound on calibration batches (0: all images)
 * @param timingCache        timing cache to load if present and save after the build
 * @param dlaCore            DLA core to build for, with GPU fallback (empty: GPU)
 * @param optimizationLevel  builder optimization level 0..5 (empty: TensorRT's default, 3)
 * @param strictTypes        obey the requested precision even where slower
 * @param pluginLibraries    shared libraries with extra plugins, loaded before parsing
 */
public record BuildOptions(Precision precision, boolean int8Fp16Fallback, long workspaceBytes,
                           List<ShapeProfile> profiles, Optional<BatchRange> batchRange,
                           Optional<Path> calibrationImages, Optional<Path> calibrationCache,
                           int calibrationBatchSize, int maxCalibrationBatches, Optional<Path> timingCache,
                           Optional<Integer> dlaCore, Optional<Integer> optimizationLevel, boolean strictTypes,
                           List<Path> pluginLibraries) {

    /** tao-converter's default workspace, 1 GiB. */
    public static final long DEFAULT_WORKSPACE = 1L << 30;

    /** {@code --batch min:opt:max}: the batch dimension's range for batch-dynamic models. */
    public record BatchRange(int min, int opt, int max) {
        public BatchRange {
            if (min < 1 || min > opt || opt > max) {
                throw new IllegalArgumentException("batch range " + min + ":" + opt + ":" + max + " must satisfy 1 <= min <= opt <= max");
            }
        }

        /** Parses {@code 1:4:16}. */
        public static BatchRange parse(String text) {
            String[] p = text.split(":");
            try {
                if (p.length == 3) {
                    return new BatchRange(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim()));
                }
            } catch (NumberFormatException ignored) {
                // fall through to the message below
            }
            throw new IllegalArgumentException("batch range '" + text + "' must be min:opt:max, e.g. 1:4:16");
        }
    }

    public BuildOptions {
        Objects.requireNonNull(precision, "precision");
        profiles = List.copyOf(profiles);
        pluginLibraries = List.copyOf(pluginLibraries);
        if (workspaceBytes <= 0) {
            throw new IllegalArgumentException("workspace must be positive, got " + workspaceBytes + " bytes");
        }
        if (calibrationBatchSize < 1) {
            throw new IllegalArgumentException("calibration batch size must be at least 1");
        }
        if (optimizationLevel.isPresent() && (optimizationLevel.get() < 0 || optimizationLevel.get() > 5)) {
            throw new IllegalArgumentException("builder optimization level must be 0..5, got " + optimizationLevel.get());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.precision = precision;
        b.int8Fp16Fallback = int8Fp16Fallback;
        b.workspaceBytes = workspaceBytes;
        b.profiles.addAll(profiles);
        b.batchRange = batchRange.orElse(null);
        b.calibrationImages = calibrationImages.orElse(null);
        b.calibrationCache = calibrationCache.orElse(null);
        b.calibrationBatchSize = calibrationBatchSize;
        b.maxCalibrationBatches = maxCalibrationBatches;
        b.timingCache = timingCache.orElse(null);
        b.dlaCore = dlaCore.orElse(null);
        b.optimizationLevel = optimizationLevel.orElse(null);
        b.strictTypes = strictTypes;
        b.pluginLibraries.addAll(pluginLibraries);
        return b;
    }

    public static final class Builder {
        private Precision precision = Precision.FP32;
        private boolean int8Fp16Fallback;
        private long workspaceBytes = DEFAULT_WORKSPACE;
        private final List<ShapeProfile> profiles = new ArrayList<>();
        private BatchRange batchRange;
        private Path calibrationImages;
        private Path calibrationCache;
        private int calibrationBatchSize = 8;
        private int maxCalibrationBatches;
        private Path timingCache;
        private Integer dlaCore;
        private Integer optimizationLevel;
        private boolean strictTypes;
        private final List<Path> pluginLibraries = new ArrayList<>();

        private Builder() {
        }

        public Builder precision(Precision value) { this.precision = value; return this; }
        public Builder int8Fp16Fallback(boolean value) { this.int8Fp16Fallback = value; return this; }
        public Builder workspaceBytes(long value) { this.workspaceBytes = value; return this; }
        public Builder profile(ShapeProfile value) { this.profiles.add(value); return this; }
        public Builder batchRange(BatchRange value) { this.batchRange = value; return this; }
        public Builder calibrationImages(Path value) { this.calibrationImages = value; return this; }
        public Builder calibrationCache(Path value) { this.calibrationCache = value; return this; }
        public Builder calibrationBatchSize(int value) { this.calibrationBatchSize = value; return this; }
        public Builder maxCalibrationBatches(int value) { this.maxCalibrationBatches = value; return this; }
        public Builder timingCache(Path value) { this.timingCache = value; return this; }
        public Builder dlaCore(Integer value) { this.dlaCore = value; return this; }
        public Builder optimizationLevel(Integer value) { this.optimizationLevel = value; return this; }
        public Builder strictTypes(boolean value) { this.strictTypes = value; return this; }
        public Builder pluginLibrary(Path value) { this.pluginLibraries.add(value); return this; }

        public BuildOptions build() {
            return new BuildOptions(precision, int8Fp16Fallback, workspaceBytes, profiles,
                    Optional.ofNullable(batchRange), Optional.ofNullable(calibrationImages),
                    Optional.ofNullable(calibrationCache), calibrationBatchSize, maxCalibrationBatches,
                    Optional.ofNullable(timingCache), Optional.ofNullable(dlaCore),
                    Optional.ofNullable(optimizationLevel), strictTypes, pluginLibraries);
        }
    }
}
