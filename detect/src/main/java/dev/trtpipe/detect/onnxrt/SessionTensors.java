package dev.trtpipe.detect.onnxrt;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import dev.trtpipe.detect.TensorInfo;
import java.util.Locale;
import java.util.Optional;

/**
 * An ONNX Runtime session's inputs and outputs as {@link TensorInfo}: the one place that reads them, for the
 * detection backend and for {@code check}. (A model file's own inputs, outputs and metadata are read by
 * {@code dev.trtpipe.onnx.OnnxModelInfo}; this is what the runtime made of them.)
 */
public final class SessionTensors {

    private SessionTensors() {
    }

    /** The node as a tensor, with -1 for dynamic dimensions; empty when it is a map or a sequence. */
    public static Optional<TensorInfo> describe(NodeInfo node) {
        if (!(node.getInfo() instanceof ai.onnxruntime.TensorInfo t)) {
            return Optional.empty();
        }
        return Optional.of(new TensorInfo(node.getName(), t.getShape(), typeName(t.onnxType)));
    }

    /** ONNX's spelling of an element type ({@code float}, {@code float16}, {@code int64}, …). */
    public static String typeName(OnnxTensorType type) {
        // ONNX Runtime's enum names are ONNX's spellings in upper case after the prefix: FLOAT, FLOAT16, INT64, BOOL, ...
        return type.name().substring("ONNX_TENSOR_ELEMENT_DATA_TYPE_".length()).toLowerCase(Locale.ROOT);
    }
}
