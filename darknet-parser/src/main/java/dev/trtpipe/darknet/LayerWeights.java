package dev.trtpipe.darknet;

import java.util.EnumMap;
import java.util.Map;

/** The arrays of one layer's weights record, by kind (see {@link Layer#weightLayout()}). */
public final class LayerWeights {

    private final Layer layer;
    private final Map<WeightKind, FloatArray> arrays;
    private final boolean present;

    LayerWeights(Layer layer, Map<WeightKind, FloatArray> arrays, boolean present) {
        this.layer = layer;
        this.arrays = new EnumMap<>(arrays);
        this.present = present;
    }

    public Layer layer() {
        return layer;
    }

    /** The array of that kind; fails if the layer's record has none (a caller bug, not bad input). */
    public FloatArray get(WeightKind kind) {
        FloatArray a = arrays.get(kind);
        if (a == null) {
            throw new IllegalStateException("layer " + layer.index() + " [" + layer.type() + "] has no " + kind);
        }
        return a;
    }

    /** False for a layer beyond the end of a partial file ({@code --allow-partial}); its arrays are zeros. */
    public boolean present() {
        return present;
    }
}
