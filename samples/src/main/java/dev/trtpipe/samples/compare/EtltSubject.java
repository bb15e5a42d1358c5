package dev.trtpipe.samples.compare;

import dev.trtpipe.etlt.EtltKey;
import dev.trtpipe.etlt.OnnxExtraction;
import dev.trtpipe.samples.steps.Artifact;
import dev.trtpipe.samples.steps.Timed;
import java.nio.file.Path;
import java.util.List;

/**
 * A TAO {@code .etlt} with an ONNX payload: the raw path decrypts it ({@code etlt2onnx}) and builds the
 * ONNX like any other; the TAO path hands the {@code .etlt} itself to {@code tao-convert}.
 */
public record EtltSubject(Path etlt, String keySpec) implements CompareSubject {

    @Override
    public String describe() {
        return "TAO " + etlt.getFileName();
    }

    @Override
    public Produced toOnnx(Path onnx) throws Exception {
        Timed<OnnxExtraction.Result> t = Timed.of(() -> OnnxExtraction.extract(etlt, EtltKey.parse(keySpec), onnx));
        String command = ShellCommand.trtpipe("etlt2onnx").add("-k", KeyDisplay.of(keySpec)).add(etlt.toString()).add("-o", onnx).toString();
        return new Produced(new Step(PathName.RAW.label(), Stage.TO_ONNX.label(), command,
                List.of("the key the model was exported with (NGC models: nvidia_tlt, tlt_encode or nvidia_tao)"), t.seconds(),
                List.of(Artifact.of("decrypted ONNX model", onnx)), String.join("; ", t.value().warnings())), onnx);
    }

    @Override
    public Produced toEtlt(Path onnx, Path unused) throws Exception {
        return new Produced(new Step(PathName.TAO.label(), Stage.TO_ETLT.label(), "(given: exported by TAO / downloaded from NGC)",
                List.of("where to get the model and its key (the model card)"), 0, List.of(Artifact.of(".etlt", etlt)), ""), etlt);
    }
}
