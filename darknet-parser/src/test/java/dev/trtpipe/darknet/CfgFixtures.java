package dev.trtpipe.darknet;

/** Small cfg texts for tests; {@code net(w, h, c)} plus sections. */
final class CfgFixtures {

    private CfgFixtures() {
    }

    static String net(int width, int height, int channels) {
        return "[net]\nwidth=" + width + "\nheight=" + height + "\nchannels=" + channels + "\n";
    }

    static String conv(int filters, int size, int stride, String activation) {
        return "[convolutional]\nbatch_normalize=1\nfilters=" + filters + "\nsize=" + size + "\nstride=" + stride
                + "\npad=1\nactivation=" + activation + "\n";
    }

    static String yolo(String mask, int classes) {
        return "[yolo]\nmask=" + mask + "\nanchors=10,14,23,27,37,58,81,82,135,169,344,319\nclasses=" + classes + "\nnum=6\n";
    }
}
