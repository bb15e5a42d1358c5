package dev.trtpipe.onnx;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DarknetWeights;
import java.io.IOException;
import java.nio.file.Path;

/** Loads and converts a {@code ref/mini} style directory ({@code model.cfg} + {@code model.weights}). */
record Fixtures(DarknetModel model, DarknetWeights weights) {

    static Fixtures load(Path cfg, Path weights) throws IOException {
        DarknetModel model = DarknetModel.parse(cfg);
        return new Fixtures(model, DarknetWeights.read(weights, model, false));
    }

    static Fixtures mini(Path dir) throws IOException {
        return load(dir.resolve("model.cfg"), dir.resolve("model.weights"));
    }

    ConvertedModel convert(ConversionOptions options) {
        return DarknetOnnxConverter.convert(model, weights, options);
    }

    byte[] onnx(ConversionOptions options) {
        return convert(options).toModelProto().toByteArray();
    }

    long[] inputDims(long batch) {
        return new long[]{batch, model.net().channels(), model.net().height(), model.net().width()};
    }
}
