package dev.trtpipe.darknet;

import java.util.List;

/**
 * What a section parser may look at while building layer {@code index}: the network input, the layers
 * built so far, and the shape it receives (the previous layer's output).
 */
final class LayerContext {

    private final NetConfig net;
    private final List<Layer> built;
    private final SectionReader section;

    LayerContext(NetConfig net, List<Layer> built, SectionReader section) {
        this.net = net;
        this.built = built;
        this.section = section;
    }

    int index() {
        return built.size();
    }

    NetConfig net() {
        return net;
    }

    /** The previous layer's output, or the network input for layer 0. */
    Shape input() {
        return built.isEmpty() ? net.input() : built.get(built.size() - 1).output();
    }

    Layer layer(int absoluteIndex) {
        return built.get(absoluteIndex);
    }

    /** The previous layer, or {@code null} for layer 0. */
    Layer previous() {
        return built.isEmpty() ? null : built.get(built.size() - 1);
    }

    /**
     * Turns a {@code layers=}/{@code from=} reference into an absolute index: negative values are
     * relative to this layer, others absolute ({@code [net]} not counted). Must name an earlier layer.
     */
    int resolve(String key, int reference) {
        int absolute = reference < 0 ? index() + reference : reference;
        if (absolute < 0 || absolute >= index()) {
            throw section.error(section.lineOf(key), key + " refers to layer " + reference
                    + (reference < 0 ? " (= " + absolute + ")" : "") + ", but layer " + index()
                    + " can only use layers 0.." + (index() - 1));
        }
        return absolute;
    }

    List<Integer> resolveAll(String key, int[] references) {
        if (references.length == 0) {
            throw section.error(section.lineOf(key), key + " lists no layers");
        }
        Integer[] out = new Integer[references.length];
        for (int i = 0; i < references.length; i++) {
            out[i] = resolve(key, references[i]);
        }
        return List.of(out);
    }

    LayerInfo info(Shape output) {
        if (output.channels() <= 0 || output.height() <= 0 || output.width() <= 0) {
            throw section.error("would output " + output + " from input " + input()
                    + "; check size/stride/padding against the input size in [net]");
        }
        return new LayerInfo(index(), section.line(), input(), output);
    }

    /**
     * Output length of a sliding window, {@code (in + padding − size)/stride + 1}, or an error when the
     * window does not fit the padded input at all (C's truncating division would still give 1).
     */
    int windowOutput(int in, int totalPadding, int size, int stride) {
        if (in + totalPadding < size) {
            throw section.error("size=" + size + " does not fit the input " + input() + " padded by " + totalPadding
                    + "; check size/padding against the input size in [net]");
        }
        return (in + totalPadding - size) / stride + 1;
    }

    /** A positive option value, or an error naming the key. */
    int positive(String key, int value) {
        if (value <= 0) {
            throw section.error(section.lineOf(key), key + "=" + value + " must be positive");
        }
        return value;
    }
}
