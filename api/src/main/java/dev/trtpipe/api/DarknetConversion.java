package dev.trtpipe.api;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.onnx.ConvertedModel;
import dev.trtpipe.onnx.DarknetOnnxPipeline;
import dev.trtpipe.onnx.OnnxModelWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A darknet model ({@code .cfg} + {@code .weights}) to ONNX in one call: parse, load the weights, translate,
 * write. The ONNX file is byte-for-byte what {@code trtpipe darknet2onnx} writes with the same options.
 *
 * <pre>{@code
 * ConversionResult onnx = DarknetConversion.toOnnx(Path.of("yolov4-tiny.cfg"), Path.of("yolov4-tiny.weights"),
 *         Path.of("yolov4-tiny.onnx"), ConversionOptions.builder().dynamicBatch(true).build());
 * }</pre>
 */
public final class DarknetConversion {

    private DarknetConversion() {
    }

    /**
     * Converts with {@link ConversionOptions#defaults()}.
     *
     * @param cfg     the darknet network description
     * @param weights its trained weights
     * @param onnx    the file to write (parent directories are created; written completely or not at all)
     * @return what was written
     * @throws IOException              a file cannot be read or written
     * @throws IllegalArgumentException a malformed cfg or weights file ({@link dev.trtpipe.darknet.DarknetFormatException},
     *                                  naming the file and the line or byte offset)
     */
    public static ConversionResult toOnnx(Path cfg, Path weights, Path onnx) throws IOException {
        return toOnnx(cfg, weights, onnx, ConversionOptions.defaults());
    }

    /**
     * Converts a darknet model to an ONNX file.
     *
     * @param cfg     the darknet network description
     * @param weights its trained weights
     * @param onnx    the file to write (parent directories are created; written completely or not at all)
     * @param options how to convert
     * @return what was written: the file, its SHA-256, its inputs and outputs
     * @throws IOException              a file cannot be read or written
     * @throws IllegalArgumentException a malformed cfg or weights file ({@link dev.trtpipe.darknet.DarknetFormatException},
     *                                  naming the file and the line or byte offset), or a head mode other than raw
     *                                  for a cfg without a {@code [yolo]} or {@code [region]} layer
     */
    public static ConversionResult toOnnx(Path cfg, Path weights, Path onnx, ConversionOptions options) throws IOException {
        Objects.requireNonNull(onnx, "onnx");
        List<String> warnings = new ArrayList<>();
        checkArguments(cfg, weights, options);
        DarknetOnnxPipeline.Written pipeline = DarknetOnnxPipeline.write(cfg, weights, onnx, settings(options), warnings::add);
        ConvertedModel converted = pipeline.converted();
        OnnxModelWriter.Result written = pipeline.file();
        List<TensorDescription> outputs = converted.graph().outputs().stream()
                .map(name -> TensorDescription.of(name, converted.graph().outputDims(name))).toList();
        return new ConversionResult(written.path(), written.bytes(), sha256(written.path()), written.weightsSha256(),
                List.of(input(converted.source(), options)), outputs, warnings);
    }

    /**
     * Converts in memory (the weights are read while the network is translated); what the parser and the
     * weights check noticed is added to {@code warnings}.
     */
    static ConvertedModel convert(Path cfg, Path weights, ConversionOptions options, List<String> warnings) throws IOException {
        checkArguments(cfg, weights, options);
        return DarknetOnnxPipeline.convert(cfg, weights, settings(options), warnings::add);
    }

    private static void checkArguments(Path cfg, Path weights, ConversionOptions options) {
        Objects.requireNonNull(cfg, "cfg");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(options, "options");
    }

    private static DarknetOnnxPipeline.Settings settings(ConversionOptions options) {
        return new DarknetOnnxPipeline.Settings(options.writerOptions(), options.headMode(), options.allowPartial(),
                options.memoryLimitBytes());
    }

    private static TensorDescription input(DarknetModel model, ConversionOptions options) {
        var shape = model.net().input();
        return TensorDescription.of(DarknetModel.INPUT_NAME,
                new long[]{options.dynamicBatch() ? -1 : 1, shape.channels(), shape.height(), shape.width()});
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
