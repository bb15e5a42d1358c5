package dev.trtpipe.api;

import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.DetectorSettings;
import dev.trtpipe.detect.postprocess.PostprocessSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Detectors#open} sets up a detector. Everything left empty follows the model: a darknet
 * model's cfg ({@code letter_box}, {@code nms_kind}), a TAO model's nvinfer settings. Constructing it throws
 * {@link IllegalArgumentException} for a threshold or thread count out of range.
 *
 * @param threshold     score threshold in [0, 1); empty: 0.25 for darknet models, the nvinfer config's
 *                      pre-cluster thresholds for TAO models
 * @param nmsThreshold  darknet NMS overlap threshold in (0, 1]
 * @param letterbox     darknet models: keep the aspect ratio (true) or stretch (false)
 * @param nmsKind       darknet models: which NMS variant
 * @param names         class names, one per line; empty: a TAO model's labels, else the one {@code .names}
 *                      file beside the model with as many names as it has classes, else numbers
 * @param nvinferConfig a TAO detector's DeepStream nvinfer config (preprocessing, outputs, labels, clustering);
 *                      empty: the {@code tao.*} spec in the model's metadata, if any
 * @param threads       CPU inference threads of ONNX Runtime; 0: one per core
 */
public record DetectorOptions(Optional<Float> threshold, float nmsThreshold, Optional<Boolean> letterbox,
                              Optional<NmsKind> nmsKind, Optional<Path> names, Optional<Path> nvinferConfig, int threads) {

    public DetectorOptions {
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(letterbox, "letterbox");
        Objects.requireNonNull(nmsKind, "nmsKind");
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(nvinferConfig, "nvinferConfig");
        threshold.ifPresent(t -> {
            if (!(t >= 0 && t < 1)) {
                throw new IllegalArgumentException("the score threshold must be in [0, 1), got " + t);
            }
        });
        if (!(nmsThreshold > 0 && nmsThreshold <= 1)) {
            throw new IllegalArgumentException("the NMS threshold must be in (0, 1], got " + nmsThreshold);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("the thread count must be 0 (one per core) or more, got " + threads);
        }
    }

    /**
     * Everything from the model, NMS threshold 0.45, one ONNX Runtime thread per core.
     *
     * @return the defaults
     */
    public static DetectorOptions defaults() {
        return builder().build();
    }

    /**
     * A builder starting from {@link #defaults()}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The darknet detector settings these stand for. */
    DetectorSettings settings() {
        DetectorSettings s = DetectorSettings.defaults()
                .withThreshold(threshold.orElse(PostprocessSettings.DEFAULT_THRESHOLD))
                .withNmsThreshold(nmsThreshold);
        s = letterbox.map(s::withLetterbox).orElse(s);
        return nmsKind.map(s::withNmsKind).orElse(s);
    }

    /** Collects {@link DetectorOptions} one value at a time; {@link #build()} checks them. */
    public static final class Builder {
        private Float threshold;
        private float nmsThreshold = PostprocessSettings.DEFAULT_NMS_THRESHOLD;
        private Boolean letterbox;
        private NmsKind nmsKind;
        private Path names;
        private Path nvinferConfig;
        private int threads;

        private Builder() {
        }

        /**
         * Sets the score threshold; for a TAO model it replaces every class's pre-cluster threshold.
         *
         * @param value in [0, 1)
         * @return this builder
         */
        public Builder threshold(float value) {
            this.threshold = value;
            return this;
        }

        /**
         * Sets darknet's NMS overlap threshold.
         *
         * @param value in (0, 1]
         * @return this builder
         */
        public Builder nmsThreshold(float value) {
            this.nmsThreshold = value;
            return this;
        }

        /**
         * Overrides the cfg's {@code letter_box}.
         *
         * @param value true: keep the aspect ratio and pad; false: stretch to the input size
         * @return this builder
         */
        public Builder letterbox(boolean value) {
            this.letterbox = value;
            return this;
        }

        /**
         * Overrides the cfg's {@code nms_kind}.
         *
         * @param value the NMS variant
         * @return this builder
         */
        public Builder nmsKind(NmsKind value) {
            this.nmsKind = value;
            return this;
        }

        /**
         * Reads class names from a file.
         *
         * @param value one name per line; as many lines as the model has classes
         * @return this builder
         */
        public Builder names(Path value) {
            this.names = value;
            return this;
        }

        /**
         * Runs the model as the TAO detector this DeepStream nvinfer config describes.
         *
         * @param value the {@code config_infer_*.txt} file
         * @return this builder
         */
        public Builder nvinferConfig(Path value) {
            this.nvinferConfig = value;
            return this;
        }

        /**
         * Sets ONNX Runtime's intra-op threads.
         *
         * @param value 0 for one per core
         * @return this builder
         */
        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        /**
         * The options.
         *
         * @return the checked options
         * @throws IllegalArgumentException a value out of range
         */
        public DetectorOptions build() {
            return new DetectorOptions(Optional.ofNullable(threshold), nmsThreshold, Optional.ofNullable(letterbox),
                    Optional.ofNullable(nmsKind), Optional.ofNullable(names), Optional.ofNullable(nvinferConfig), threads);
        }
    }
}
