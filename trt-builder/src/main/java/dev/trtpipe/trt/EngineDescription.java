package dev.trtpipe.trt;

import dev.trtpipe.detect.TensorInfo;
import java.util.List;

/**
 * What {@code inspect-engine} shows about a deserialized engine.
 *
 * @param inputs            engine inputs (-1: dynamic)
 * @param outputs           engine outputs
 * @param profiles          each input's min/opt/max in profile 0, in {@code -p} spelling
 * @param layerCount        layers after TensorRT's fusions
 * @param deviceMemoryBytes activation memory the engine needs
 * @param layers            one line per layer from TensorRT's engine inspector
 */
public record EngineDescription(List<TensorInfo> inputs, List<TensorInfo> outputs, List<ShapeProfile> profiles,
                                int layerCount, long deviceMemoryBytes, List<String> layers) {
    public EngineDescription {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        profiles = List.copyOf(profiles);
        layers = List.copyOf(layers);
    }
}
