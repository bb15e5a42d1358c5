package dev.trtpipe.detect.tao;

/** nvinfer's {@code model-color-format}: the channel order the network was trained on. */
public enum ColorFormat {
    RGB(3), BGR(3), GRAY(1);

    private final int channels;

    ColorFormat(int channels) {
        this.channels = channels;
    }

    public int channels() {
        return channels;
    }

    /** nvinfer's number: 0 = RGB, 1 = BGR, 2 = GRAY. */
    public int nvinferValue() {
        return ordinal();
    }

    /**
     * @throws IllegalArgumentException not 0, 1 or 2
     */
    public static ColorFormat ofNvinferValue(int value) {
        if (value < 0 || value >= values().length) {
            throw new IllegalArgumentException("model-color-format must be 0 (RGB), 1 (BGR) or 2 (GRAY), got " + value);
        }
        return values()[value];
    }

    /** A name or nvinfer number, e.g. {@code bgr} or {@code 1} (for the command line). */
    public static ColorFormat parse(String text) {
        for (ColorFormat f : values()) {
            if (f.name().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        try {
            return ofNvinferValue(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("colour format must be RGB, BGR or GRAY (or 0, 1, 2), got '" + text + "'");
        }
    }
}
