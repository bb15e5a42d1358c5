package dev.trtpipe.darknet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code [convolutional]}: grouped, dilated, possibly asymmetric-stride convolution, then batch norm (or
 * bias), then the activation (darknet.md §6.1). {@code padding} is the effective symmetric padding
 * ({@code size/2} when {@code pad=1}), before dilation.
 */
public record ConvolutionalLayer(LayerInfo info, int filters, int size, int strideX, int strideY, int dilation,
                                 int padding, int groups, boolean batchNormalize, Activation activation)
        implements Layer {

    public static final String TYPE = "convolutional";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Optional<Activation> outputActivation() {
        return Optional.of(activation);
    }

    /** Input channels each filter sees ({@code c / groups}). */
    public int channelsPerGroup() {
        return input().channels() / groups;
    }

    @Override
    public List<WeightSegment> weightLayout() {
        List<WeightSegment> layout = new ArrayList<>(5);
        layout.add(new WeightSegment(WeightKind.BIASES, filters));
        if (batchNormalize) {
            layout.add(new WeightSegment(WeightKind.SCALES, filters));
            layout.add(new WeightSegment(WeightKind.ROLLING_MEAN, filters));
            layout.add(new WeightSegment(WeightKind.ROLLING_VARIANCE, filters));
        }
        layout.add(new WeightSegment(WeightKind.WEIGHTS, (long) filters * channelsPerGroup() * size * size));
        return layout;
    }

    @Override
    public String parameters() {
        return "filters=" + filters + " size=" + size
                + (strideX == strideY ? " stride=" + strideX : " stride_x=" + strideX + " stride_y=" + strideY)
                + " pad=" + padding + (groups > 1 ? " groups=" + groups : "")
                + (dilation > 1 ? " dilation=" + dilation : "") + (batchNormalize ? " bn" : "");
    }

    static ConvolutionalLayer parse(SectionReader s, LayerContext ctx) {
        Shape in = ctx.input();
        int filters = ctx.positive("filters", s.getInt("filters", 1));
        int size = ctx.positive("size", s.getInt("size", 1));
        int stride = ctx.positive("stride", s.getInt("stride", 1));
        int strideX = s.getInt("stride_x", -1) < 1 ? stride : s.getInt("stride_x", -1);
        int strideY = s.getInt("stride_y", -1) < 1 ? stride : s.getInt("stride_y", -1);
        int dilation = size == 1 ? 1 : ctx.positive("dilation", s.getInt("dilation", 1));
        int padding = s.getFlag("pad") ? size / 2 : s.getInt("padding", 0);
        int groups = ctx.positive("groups", s.getInt("groups", 1));
        if (in.channels() % groups != 0 || filters % groups != 0) {
            throw s.error(s.lineOf("groups"), "groups=" + groups + " must divide both the input channels ("
                    + in.channels() + ") and filters (" + filters + ")");
        }
        boolean batchNormalize = s.getInt("batch_normalize", 0) != 0 || s.getFlag("cbn");
        Activation activation = Activation.read(s, "logistic");
        s.rejectUnless("binary", "0", "binarized weights");
        s.rejectUnless("xnor", "0", "XNOR convolution");
        s.rejectUnless("flipped", "0", "transposed weights");
        s.rejectUnless("antialiasing", "0", "blur-pool anti-aliasing");
        s.rejectUnless("coordconv", "0", "CoordConv");
        s.rejectUnless("deform", "0", "deformable convolution");
        for (String key : new String[]{"sway", "rotate", "stretch", "stretch_sway"}) {
            s.rejectUnless(key, "0", "deformable convolution");
        }
        if (s.has("share_index")) {
            s.rejectUnless("share_index", "", "weights shared with another layer");
        }
        s.ignore("assisted_excitation", "dot", "angle", "grad_centr", "reverse", "stream", "wait_stream",
                "bin_output", "learning_rate");

        int outH = ctx.windowOutput(in.height(), 2 * padding, size, strideY);
        int outW = ctx.windowOutput(in.width(), 2 * padding, size, strideX);
        if (dilation > 1) {
            // darknet sizes the output without dilation but convolves with pad·d and dilation d; the two
            // agree only for the usual odd kernels with pad=1, the only case an ONNX Conv can reproduce
            int span = dilation * (size - 1) + 1;
            int realH = (in.height() + 2 * padding * dilation - span) / strideY + 1;
            int realW = (in.width() + 2 * padding * dilation - span) / strideX + 1;
            if (realH != outH || realW != outW) {
                throw s.error(s.lineOf("dilation"), "dilation=" + dilation + " with size=" + size + " and padding="
                        + padding + " is not reproducible (darknet sizes the output " + outH + "x" + outW
                        + " but convolves " + realH + "x" + realW + "); use an odd size with pad=1");
            }
        }
        return new ConvolutionalLayer(ctx.info(new Shape(filters, outH, outW)), filters, size, strideX, strideY,
                dilation, padding, groups, batchNormalize, activation);
    }
}
