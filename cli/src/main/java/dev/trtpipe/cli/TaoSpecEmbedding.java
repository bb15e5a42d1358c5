package dev.trtpipe.cli;

import dev.trtpipe.darknet.io.AtomicFile;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.onnxrt.OnnxRuntimeBackend;
import dev.trtpipe.detect.tao.TaoDetectionSpec;
import dev.trtpipe.onnx.OnnxMetadata;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.cli.CommandLine;

/**
 * Embeds a TAO detector's nvinfer spec into an ONNX model's {@code metadata_props} ({@code tao.*} keys), after
 * checking it against the model: what {@code tao-spec} does, and what {@code etlt2onnx}, {@code tao-convert} and
 * {@code onnx2trt} do with {@code --nvinfer-config}, so that {@code detect --model x.onnx|x.plan} needs no config
 * afterwards (engine builds copy the ONNX metadata into the sidecar).
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
     * @throws UsageException           a malformed flag, or preprocessing flags without a config
     * @throws IllegalArgumentException a malformed config line ({@code file:line: …})
     */
    static Optional<TaoSpecEmbedding> fromOptions(CommandLine line, PrintStream err) throws UsageException, IOException {
        return of(TaoSpecOptions.read(line), err);
    }

    /** As {@link #fromOptions}, from the TAO flags already read. */
    static Optional<TaoSpecEmbedding> of(TaoSpecOptions tao, PrintStream err) throws UsageException {
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
     * Checks the spec against {@code onnx}: its input and outputs must fit a TAO layout.
     *
     * @param modelName names the model in error messages (the user's file, not a temporary one)
     * @return the spec in words, for the command's output
     * @throws IllegalArgumentException the model is no TAO detector that this spec describes
     */
    String check(Path onnx, String modelName) throws IOException {
        try (OnnxRuntimeBackend backend = OnnxRuntimeBackend.open(onnx)) {
            Detector detector = Detector.forTao(modelName, backend, spec);
            return spec.toMetadata().size() + " tao.* metadata entries (" + detector.pipeline().describePostprocessing() + "; "
                    + detector.pipeline().describePreprocessing() + ")";
        }
    }

    /**
     * Checks the spec, then writes {@code onnx} with it to {@code out} (atomically; {@code out} may be {@code onnx}).
     *
     * @return what was embedded, in words
     */
    String embed(Path onnx, Path out, String modelName) throws IOException {
        String description = check(onnx, modelName);
        OnnxMetadata.write(onnx, out, spec.toMetadata());
        return description;
    }

    /** Checks the spec and returns {@code onnx}'s bytes with it, leaving the file as it is (builds from bytes). */
    Embedded<byte[]> embeddedBytes(Path onnx, String modelName) throws IOException {
        String description = check(onnx, modelName);
        return new Embedded<>(OnnxMetadata.withMetadata(onnx, spec.toMetadata()), description);
    }

    /**
     * Lets {@code writer} write the model to {@code out}'s temporary file, embeds the spec there, and only then gives
     * {@code out} its name: the user's file appears with the spec in it, or not at all.
     */
    <T> Embedded<T> writeThenEmbed(Path out, String modelName, ModelWriter<T> writer) throws IOException {
        AtomicReference<T> written = new AtomicReference<>();
        AtomicReference<String> description = new AtomicReference<>();
        AtomicFile.write(out, temporary -> {
            written.set(writer.write(temporary));
            description.set(embed(temporary, temporary, modelName));
        });
        return new Embedded<>(written.get(), description.get());
    }

    /** Writes a model to the given file and says how ({@code etlt2onnx}'s extraction result). */
    @FunctionalInterface
    interface ModelWriter<T> {
        T write(Path file) throws IOException;
    }

    /** What was produced, and the spec embedded in it, in words. */
    record Embedded<T>(T value, String description) {
    }
}
