package dev.trtpipe.onnx;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DarknetWeights;
import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A darknet network translated to an ONNX graph, not yet written. Its initializers are views of the
 * loaded weights file (no copy), so it is cheap to hold; {@link OnnxModelWriter} streams it to disk.
 */
public final class ConvertedModel {

    /** Metadata key of the weights file's SHA-256, filled in when the model is serialized. */
    public static final String WEIGHTS_SHA256_KEY = "trtpipe.weights_sha256";

    static final String PRODUCER_VERSION = "0.1.0";

    private final OnnxGraph graph;
    private final DarknetModel source;
    private final DarknetWeights weights;
    private final ConversionOptions options;
    private final List<HeadOutput> heads;

    ConvertedModel(OnnxGraph graph, DarknetModel source, DarknetWeights weights, ConversionOptions options, List<HeadOutput> heads) {
        this.graph = graph;
        this.source = source;
        this.weights = weights;
        this.options = options;
        this.heads = List.copyOf(heads);
    }

    /** The graph, open for {@link GraphPass}es. */
    public OnnxGraph graph() {
        return graph;
    }

    public DarknetModel source() {
        return source;
    }

    public DarknetWeights weights() {
        return weights;
    }

    public ConversionOptions options() {
        return options;
    }

    /** The raw head tensors, in cfg order (= the graph outputs unless a pass changed them). */
    public List<HeadOutput> heads() {
        return heads;
    }

    public Optional<DetectionSpec> detectionSpec() {
        return source.detectionSpec();
    }

    public ConvertedModel apply(GraphPass pass) {
        pass.apply(this);
        return this;
    }

    /** The complete model in memory, metadata included (tests; {@link OnnxModelWriter} streams instead). */
    public ModelProto toModelProto() {
        try {
            weights.awaitLoaded();
            ModelProto main = graph.modelWithoutMetadata(PRODUCER_VERSION);
            return main.toBuilder().mergeFrom(graph.metadataOnly(Map.of(WEIGHTS_SHA256_KEY,
                    weights.awaitSha256()))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
