package dev.trtpipe.darknet;

/** A layer output for one image: channels × height × width (darknet's {@code out_c, out_h, out_w}). */
public record Shape(int channels, int height, int width) {

    public long elements() {
        return (long) channels * height * width;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
