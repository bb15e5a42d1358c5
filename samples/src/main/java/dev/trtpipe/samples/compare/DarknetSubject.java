package dev.trtpipe.samples.compare;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.etlt.EtltKey;
import dev.trtpipe.etlt.EtltWriter;
import dev.trtpipe.samples.darknet.DarknetToOnnx;
import dev.trtpipe.samples.darknet.FileIdentity;
import dev.trtpipe.samples.steps.Artifact;
import dev.trtpipe.samples.steps.Timed;
import java.nio.file.Path;
import java.util.List;

/**
 * A darknet model: the raw path converts it ({@code darknet2onnx}); the TAO path gets that same ONNX
 * encrypted as an {@code .etlt} with {@code keySpec}, as TAO's export would hand it over.
 */
public record DarknetSubject(Path cfg, Path weights, String keySpec) implements CompareSubject {

    @Override
    public String describe() {
        return "darknet " + cfg.getFileName() + " + " + weights.getFileName();
    }

    @Override
    public Produced toOnnx(Path onnx) throws Exception {
        Timed<DarknetToOnnx> t = Timed.of(() -> DarknetToOnnx.convert(DarknetModel.parse(cfg), weights, onnx));
        String command = ShellCommand.trtpipe("darknet2onnx").add("--cfg", cfg).add("--weights", weights).add("-o", onnx).toString();
        return new Produced(new Step(PathName.RAW.label(), Stage.TO_ONNX.label(), command,
                List.of("the .cfg and its .weights; input size, output names and anchors are read from the cfg"), t.seconds(),
                List.of(Artifact.of("ONNX model", onnx)),
                "weights " + FileIdentity.of(weights, t.value().written().weightsSha256()).verdict()), onnx);
    }

    @Override
    public Produced toEtlt(Path onnx, Path etlt) throws Exception {
        Timed<Path> t = Timed.of(() -> {
            EtltWriter.encrypt(onnx, "", EtltKey.parse(keySpec), etlt);
            return etlt;
        });
        String command = ShellCommand.trtpipe("onnx2etlt").add("-k", KeyDisplay.of(keySpec)).add(onnx.toString()).add("-o", etlt).toString();
        return new Produced(new Step(PathName.TAO.label(), Stage.TO_ETLT.label(), command,
                List.of("a key to encrypt with; whoever builds the engine needs it too"), t.seconds(),
                List.of(Artifact.of(".etlt (ONNX payload, AES-256-CTR)", etlt)),
                "stands in for TAO's export: the raw path's ONNX, encrypted"), etlt);
    }
}
