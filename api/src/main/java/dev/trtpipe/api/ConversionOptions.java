package dev.trtpipe.api;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.HeadMode;
import java.util.Objects;

/**
 * How {@link DarknetConversion#toOnnx} converts a darknet model. Start from {@link #defaults()} (what
 * {@code trtpipe darknet2onnx} does without flags) or {@link #builder()}. Constructing it throws
 * {@link IllegalArgumentException} for an opset out of range or a memory limit that is not positive.
 *
 * @param opset            ONNX opset, {@value #MIN_OPSET}..{@value #MAX_OPSET}
 * @param dynamicBatch     a symbolic batch dimension {@code N} instead of 1
 * @param headMode         what the graph outputs after the backbone: the raw heads (darknet-exact decoding
 *                         outside the model), decoded candidates, or in-graph NMS results
 * @param foldBatchNorm    fold batch norm into the convolutions
 * @param exposeLayers     also output every layer's tensor (for debugging a conversion)
 * @param allowPartial     accept a weights file that ends between layers (missing layers are zero)
 * @param memoryLimitBytes refuse a cfg whose tensors would need more memory than this
 */
public record ConversionOptions(int opset, boolean dynamicBatch, HeadMode headMode, boolean foldBatchNorm,
                                boolean exposeLayers, boolean allowPartial, long memoryLimitBytes) {

    /** The lowest supported opset. */
    public static final int MIN_OPSET = dev.trtpipe.onnx.ConversionOptions.MIN_OPSET;
    /** The highest supported opset (mish becomes one {@code Mish} node from 18). */
    public static final int MAX_OPSET = dev.trtpipe.onnx.ConversionOptions.MAX_OPSET;
    /** The opset used unless another is asked for. */
    public static final int DEFAULT_OPSET = dev.trtpipe.onnx.ConversionOptions.DEFAULT_OPSET;

    public ConversionOptions {
        Objects.requireNonNull(headMode, "headMode");
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new IllegalArgumentException("opset " + opset + " is not supported; use " + MIN_OPSET + ".." + MAX_OPSET);
        }
        if (memoryLimitBytes <= 0) {
            throw new IllegalArgumentException("the memory limit must be positive, got " + memoryLimitBytes + " bytes");
        }
    }

    /**
     * Opset {@value #DEFAULT_OPSET}, batch 1, raw heads, batch norm kept, complete weights required, the
     * parser's default memory limit.
     *
     * @return the defaults
     */
    public static ConversionOptions defaults() {
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

    /**
     * A builder starting from these options.
     *
     * @return a new builder holding these values
     */
    public Builder toBuilder() {
        return new Builder().opset(opset).dynamicBatch(dynamicBatch).headMode(headMode).foldBatchNorm(foldBatchNorm)
                .exposeLayers(exposeLayers).allowPartial(allowPartial).memoryLimitBytes(memoryLimitBytes);
    }

    /** The options of the ONNX writer these map to. */
    dev.trtpipe.onnx.ConversionOptions writerOptions() {
        return new dev.trtpipe.onnx.ConversionOptions(opset, dynamicBatch, exposeLayers, foldBatchNorm);
    }

    /** Collects {@link ConversionOptions} one value at a time; {@link #build()} checks them. */
    public static final class Builder {
        private int opset = DEFAULT_OPSET;
        private boolean dynamicBatch;
        private HeadMode headMode = HeadMode.raw();
        private boolean foldBatchNorm;
        private boolean exposeLayers;
        private boolean allowPartial;
        private long memoryLimitBytes = DarknetModel.DEFAULT_MEMORY_LIMIT_BYTES;

        private Builder() {
        }

        /**
         * Sets the ONNX opset.
         *
         * @param value {@value ConversionOptions#MIN_OPSET}..{@value ConversionOptions#MAX_OPSET}
         * @return this builder
         */
        public Builder opset(int value) {
            this.opset = value;
            return this;
        }

        /**
         * Chooses a symbolic batch dimension.
         *
         * @param value true for {@code N}, false for 1
         * @return this builder
         */
        public Builder dynamicBatch(boolean value) {
            this.dynamicBatch = value;
            return this;
        }

        /**
         * Chooses the graph's outputs: {@link HeadMode#raw()}, {@link HeadMode#decode()} or a
         * {@link HeadMode.Nms}.
         *
         * @param value the head mode
         * @return this builder
         */
        public Builder headMode(HeadMode value) {
            this.headMode = value;
            return this;
        }

        /**
         * Folds batch norm into the convolutions.
         *
         * @param value whether to fold
         * @return this builder
         */
        public Builder foldBatchNorm(boolean value) {
            this.foldBatchNorm = value;
            return this;
        }

        /**
         * Also outputs every layer's tensor, named {@code NNN_type}.
         *
         * @param value whether to expose the layers
         * @return this builder
         */
        public Builder exposeLayers(boolean value) {
            this.exposeLayers = value;
            return this;
        }

        /**
         * Accepts weights that end between layers (darknet's partial backbones); missing layers get zeros.
         *
         * @param value whether to accept them
         * @return this builder
         */
        public Builder allowPartial(boolean value) {
            this.allowPartial = value;
            return this;
        }

        /**
         * Sets the memory a cfg's tensors may need at most.
         *
         * @param value bytes, positive
         * @return this builder
         */
        public Builder memoryLimitBytes(long value) {
            this.memoryLimitBytes = value;
            return this;
        }

        /**
         * The options.
         *
         * @return the checked options
         * @throws IllegalArgumentException a value out of range
         */
        public ConversionOptions build() {
            return new ConversionOptions(opset, dynamicBatch, headMode, foldBatchNorm, exposeLayers, allowPartial,
                    memoryLimitBytes);
        }
    }
}
