package dev.trtpipe.etlt;

import dev.trtpipe.uff.UffGraph;
import dev.trtpipe.uff.UffToOnnx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code tao-convert} does before the engine build: decrypt the {@code .etlt} (translating a UFF
 * payload) to a temporary ONNX file next to the engine, parse and summarise it, and turn the tao-converter flags into a
 * {@link TaoBuildPlan}. Closing it deletes the temporary ONNX.
 */
public final class TaoConversion implements AutoCloseable {

    private final Path onnx;
    private final ModelSummary model;
    private final TaoBuildPlan plan;
    private final List<String> warnings;

    private TaoConversion(Path onnx, ModelSummary model, TaoBuildPlan plan, List<String> warnings) {
        this.onnx = onnx;
        this.model = model;
        this.plan = plan;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * @throws WrongKeyException         if the key does not decrypt the file
     * @throws IllegalArgumentException  for flags that do not fit the model (see {@link TaoBuildPlan#create})
     */
    public static TaoConversion prepare(TaoConverterArgs args) throws IOException {
        List<String> warnings = new ArrayList<>();
        if (UffPayload.isBareUff(args.model())) {
            return fromUff(args, UffPayload.readBare(args.model()), warnings);
        }
        EtltFile etlt = EtltFile.read(args.model());
        try (Plaintext plain = etlt.decrypt(EtltKey.parse(args.key()))) {
            plain.headerMismatch().ifPresent(warnings::add);
            if (plain.kind() == PayloadKind.UFF) {
                return fromUff(args, UffPayload.read(plain), warnings);
            }
            Path onnx = temporaryOnnx(args);
            try {
                plain.transferTo(onnx);
                ModelSummary model = OnnxSummarizer.summarize(OnnxPayload.read(onnx, args.model().toString()));
                TaoBuildPlan plan = TaoBuildPlan.create(args, model);
                warnings.addAll(plan.warnings());
                return new TaoConversion(onnx, model, plan, warnings);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(onnx);
                throw e;
            }
        }
    }

    /**
     * A UFF graph: the flags are checked against it first (-d, -o, -i, -m), then it is translated to ONNX with
     * the outputs and input layout they ask for.
     */
    private static TaoConversion fromUff(TaoConverterArgs args, UffGraph graph, List<String> warnings) throws IOException {
        ModelSummary model = UffSummarizer.summarize(graph.proto());
        TaoBuildPlan plan = TaoBuildPlan.create(args, model);
        warnings.addAll(plan.warnings());
        Path onnx = temporaryOnnx(args);
        try {
            UffToOnnx.Result translated = UffToOnnx.standard().translate(graph, UffFlags.translationOptions(args));
            translated.write(onnx);
            warnings.addAll(translated.notes());
            return new TaoConversion(onnx, model, plan, warnings);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(onnx);
            throw e;
        }
    }

    /**
     * Beside the engine rather than in /tmp: the decrypted model stays on the user's chosen disk, and
     * createTempFile makes it readable by the owner only.
     */
    private static Path temporaryOnnx(TaoConverterArgs args) throws IOException {
        Path directory = args.engine().toAbsolutePath().getParent();
        Files.createDirectories(directory);
        return Files.createTempFile(directory, "." + args.model().getFileName() + ".", ".onnx");
    }

    /** The decrypted (or translated) ONNX model, valid until {@link #close()}. */
    public Path onnx() {
        return onnx;
    }

    public ModelSummary model() {
        return model;
    }

    public TaoBuildPlan plan() {
        return plan;
    }

    /** Header/payload mismatch and ignored-flag warnings, each once. */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(onnx);
    }
}
