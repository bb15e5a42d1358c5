package dev.trtpipe.detect.testing;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DarknetWeights;
import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.onnx.ConversionOptions;
import dev.trtpipe.onnx.DarknetOnnxConverter;
import dev.trtpipe.onnx.HeadPasses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A darknet model from {@code ../shared} converted by trtpipe's converter (a test-scope dependency: the
 * converter does not depend on detect) and run by ONNX Runtime on one of darknet's {@code input.bin}.
 */
public record ConvertedModels(DarknetModel model, DarknetWeights weights) {

    public static ConvertedModels load(String cfg, String weights) {
        try {
            DarknetModel model = DarknetModel.parse(SharedRefs.resolve(cfg));
            return new ConvertedModels(model, DarknetWeights.read(SharedRefs.resolve(weights), model, false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The trained Yolo-Fastest-1.1 (COCO, 320×320). */
    public static ConvertedModels yoloFastest() {
        String dir = "models/darknet/trained/yolo-fastest-1.1_coco/";
        return load(dir + "yolo-fastest-1.1.cfg", dir + "yolo-fastest-1.1.weights");
    }

    /** A {@code ref/mini/<name>} fixture (random weights, 2 classes). */
    public static ConvertedModels mini(String name) {
        return load("ref/mini/" + name + "/model.cfg", "ref/mini/" + name + "/model.weights");
    }

    public DetectionSpec spec() {
        return model.detectionSpec().orElseThrow();
    }

    public byte[] onnx(HeadMode mode, ConversionOptions options) {
        return DarknetOnnxConverter.convert(model, weights, options).apply(HeadPasses.of(mode)).toModelProto().toByteArray();
    }

    public byte[] onnx(HeadMode mode) {
        return onnx(mode, ConversionOptions.defaults());
    }

    /** Every output of {@code onnx} on {@code batch} copies of {@code input} (C×H×W floats). */
    public Map<String, float[]> run(byte[] onnx, float[] input, int batch) {
        float[] data = new float[input.length * batch];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(input, 0, data, b * input.length, input.length);
        }
        long[] shape = {batch, model.net().channels(), model.net().height(), model.net().width()};
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.fromBytes(onnx, model.fileName(), 1)) {
            return backend.infer(data, shape);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, float[]> run(byte[] onnx, float[] input) {
        return run(onnx, input, 1);
    }
}
