package dev.trtpipe.darknet;

/**
 * {@code [maxpool]} with darknet's padding rule: {@code padding} (default {@code size − 1}) is split
 * {@code padding/2} before and the rest after, and padded taps count as −∞ (darknet.md §6.4).
 */
public record MaxpoolLayer(LayerInfo info, int size, int strideX, int strideY, int padding) implements Layer {

    public static final String TYPE = "maxpool";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String parameters() {
        return "size=" + size + (strideX == strideY ? " stride=" + strideX : " stride_x=" + strideX + " stride_y=" + strideY)
                + " padding=" + padding;
    }

    /** Padding before the first row/column. */
    public int padBegin() {
        return padding / 2;
    }

    /** Padding after the last row/column. */
    public int padEnd() {
        return padding - padding / 2;
    }

    static MaxpoolLayer parse(SectionReader s, LayerContext ctx) {
        Shape in = ctx.input();
        int stride = ctx.positive("stride", s.getInt("stride", 1));
        int strideX = ctx.positive("stride_x", s.getInt("stride_x", stride));
        int strideY = ctx.positive("stride_y", s.getInt("stride_y", stride));
        int size = ctx.positive("size", s.getInt("size", stride));
        int padding = s.getInt("padding", size - 1);
        if (padding < 0) {
            throw s.error(s.lineOf("padding"), "padding=" + padding + " must not be negative");
        }
        s.rejectUnless("maxpool_depth", "0", "channel-wise max");
        s.rejectUnless("antialiasing", "0", "blur-pool anti-aliasing");
        s.ignore("out_channels", "maxpool_zero_nonmax");
        int outH = ctx.windowOutput(in.height(), padding, size, strideY);
        int outW = ctx.windowOutput(in.width(), padding, size, strideX);
        return new MaxpoolLayer(ctx.info(new Shape(in.channels(), outH, outW)), size, strideX, strideY, padding);
    }
}
