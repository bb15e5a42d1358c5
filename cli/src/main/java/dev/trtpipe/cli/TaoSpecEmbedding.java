package dev.trtpipe.cli;

import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.tao.TaoDetectionSpec;
import dev.trtpipe.onnx.OnnxMetadata;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;

/**
 * Embeds a TAO detector's nvinfer spec into an ONNX model's {@code metadata_props} ({@code tao.*} keys), after
 * checking it against the model: what {@code tao-spec} does, and what {@code etlt2onnx} and {@code tao-convert}
 * do with {@code --nvinfer-config}, so that {@code detect --model x.onnx|x.plan} needs no config afterwards
 * (engine builds copy the ONNX metadata into the sidecar).
 */
final class TaoSpecEmbedding {

    private final TaoDetectionSpec spec;

    private TaoSpecEmbedding(TaoDetectionSpec spec) {
        this.spec = spec;
    }

    /**
     * The spec of the {@code --nvinfer-config} (and preprocessing flags) on {@code line}; empty without a config.
     * Read before any work, so that a bad config line stops the command before it writes anything.
     *
     * @throws UsageException           a malformed flag
     * @throws IllegalArgumentException a malformed config line ({@code file:line: …})
     */
    static Optional<TaoSpecEmbedding> fromOptions(CommandLine line, PrintStream err) throws UsageException, IOException {
        TaoSpecOptions tao = TaoSpecOptions.read(line);
        if (tao.config().isEmpty()) {
            if (tao.overrides()) {
                throw new UsageException("--net-scale-factor, --offsets and --color-format need --nvinfer-config");
            }
            return Optional.empty();
        }
        tao.printWarnings(err);
        return Optional.of(new TaoSpecEmbedding(tao.apply(tao.config().get().spec())));
    }

    /**
     * Checks the spec against {@code onnx} (its input and outputs must fit a TAO layout), then writes {@code onnx}
     * with the spec to {@code out} (atomically; {@code out} may be {@code onnx}).
     *
     * @param modelName names the model in error messages (the user's file, not a temporary one)
     * @return what was embedded, in words, for the command's output
     * @throws IllegalArgumentException the model is no TAO detector that this spec describes; nothing was written
     */
    String embed(Path onnx, Path out, String modelName) throws Exception {
        String description;
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.open(onnx)) {
            Detector detector = Detector.forTao(modelName, backend, spec);
            description = detector.pipeline().describePostprocessing() + "; " + detector.pipeline().describePreprocessing();
        }
        Map<String, String> metadata = spec.toMetadata();
        OnnxMetadata.write(onnx, out, metadata);
        return metadata.size() + " tao.* metadata entries (" + description + ")";
    }

    /**
     * Runs {@code writer} into a temporary file beside {@code out}, then embeds the spec into {@code out}: the
     * user's file appears only with the spec in it, or not at all.
     */
    <T> Embedded<T> writeThenEmbed(Path out, String modelName, ModelWriter<T> writer) throws Exception {
        Path directory = out.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path plain = Files.createTempFile(directory, "." + out.getFileName() + ".", ".plain.onnx");
        try {
            T written = writer.write(plain);
            return new Embedded<>(written, embed(plain, out, modelName));
        } finally {
            Files.deleteIfExists(plain);
        }
    }

    /** Writes a model to the given file and says how ({@code etlt2onnx}'s extraction result). */
    @FunctionalInterface
    interface ModelWriter<T> {
        T write(Path file) throws Exception;
    }

    /** What the writer returned, and the spec embedded in words. */
    record Embedded<T>(T written, String description) {
    }
}
