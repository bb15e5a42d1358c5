package dev.trtpipe.samples.darknet;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.onnx.DarknetOnnxPipeline;
import dev.trtpipe.onnx.HeadOutput;
import dev.trtpipe.onnx.OnnxModelWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code trtpipe darknet2onnx} with its defaults, as one library call for the samples: read the weights
 * (exact size required), convert, write atomically. Only the description of the result is kept, not the
 * converted graph, so the weights' memory is released when this returns.
 *
 * @param heads   the raw head outputs, in cfg order
 * @param written the ONNX file, its size and the weights file's SHA-256
 */
public record DarknetToOnnx(DarknetModel model, List<HeadOutput> heads, OnnxModelWriter.Result written) {

    public DarknetToOnnx {
        heads = List.copyOf(heads);
    }

    public static DarknetToOnnx convert(DarknetModel model, Path weights, Path onnx) throws IOException {
        // raw heads and exact weights: nothing to warn about, and no cfg-dependent refusal to word
        DarknetOnnxPipeline.Written written = DarknetOnnxPipeline.write(Path.of(model.fileName()), model, weights, onnx,
                DarknetOnnxPipeline.Settings.defaults(), warning -> { });
        return new DarknetToOnnx(model, written.converted().heads(), written.file());
    }
}
