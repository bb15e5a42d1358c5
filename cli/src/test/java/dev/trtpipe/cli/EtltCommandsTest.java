package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** etlt2onnx, inspect-etlt, onnx2etlt and bench-etlt on the NGC files in ../shared/etlt (facts: docs/etlt.md §9). */
class EtltCommandsTest {

    static final Path SHARED = Path.of(System.getProperty("trtpipe.shared", "../shared")).resolve("etlt");
    static final String FPENET = SHARED.resolve("faciallandmarks.etlt").toString();
    static final String LPDNET = SHARED.resolve("usa_pruned.etlt").toString();
    static final String FPENET_ONNX_SHA256 = "2c281b7a0a0d1b1c8cc48c32279468c45e5377694310b6a86808a74fbdb18928";

    @TempDir
    Path dir;

    @Test
    void etlt2onnxWritesTheDocumentedModel() throws IOException {
        Path onnx = dir.resolve("fpenet.onnx");

        CliRun run = CliRun.of("etlt2onnx", "-k", "nvidia_tlt", FPENET, "-o", onnx.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("wrote " + onnx + " (ONNX, 2350994 bytes)\n");
        assertThat(sha256(onnx)).isEqualTo(FPENET_ONNX_SHA256);
        assertThat(filesIn(dir)).containsExactly("fpenet.onnx");
    }

    @Test
    void etlt2onnxTranslatesUff() throws IOException {
        Path onnx = dir.resolve("lpd.onnx");
        CliRun run = CliRun.of("etlt2onnx", "-k", "nvidia_tlt", LPDNET, "-o", onnx.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("wrote " + onnx + " (ONNX, ").endsWith(" bytes, translated from UFF)\n");
        var model = dev.trtpipe.onnx.proto.Onnx.ModelProto.parseFrom(Files.readAllBytes(onnx));
        assertThat(model.getGraph().getOutputList()).extracting(o -> o.getName()).containsExactly("output_cov/Sigmoid", "output_bbox/BiasAdd");
        assertThat(filesIn(dir)).containsExactly("lpd.onnx");
    }

    @Test
    void aWrongKeyIsOneLineAndWritesNothing() throws IOException {
        CliRun run = CliRun.of("etlt2onnx", "-k", "tlt_encode", FPENET, "-o", dir.resolve("x.onnx").toString());

        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).isEqualTo("trtpipe etlt2onnx: wrong key for " + FPENET + " (payload is not ONNX or UFF): the key given"
                + " does not decrypt it; NGC models use nvidia_tlt, tlt_encode or nvidia_tao\n");
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void theKeyIsRequiredButHelpWorksWithoutIt() {
        CliRun missing = CliRun.of("etlt2onnx", FPENET);
        CliRun help = CliRun.of("etlt2onnx", "--help");

        assertThat(missing.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).startsWith("trtpipe etlt2onnx: missing -k KEY");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("-k, --key <KEY>");
    }

    @Test
    void inspectShowsTheOnnxModel() {
        CliRun run = CliRun.of("inspect-etlt", "-k", "nvidia_tlt", FPENET);

        assertThat(run.exit()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "file:     " + FPENET + " (2351014 bytes)",
                "header:   no input name (ONNX), nonce 5b762080b65b74badf98de8c0995008b",
                "payload:  ONNX, 2350994 bytes",
                "format:   ONNX IR 5, opset 10, producer keras2onnx 1.8.1, 47 initializers",
                "inputs:   input_face_images FLOAT [N,1,80,80]",
                "outputs:  softargmax FLOAT [N,80,2]",
                "          softargmax:1 FLOAT [N,80]",
                "          conv_keypoints_m80 FLOAT [N,80,80,80]",
                "ops:      64 nodes: Conv 16, Relu 15, ReduceSum 6, Concat 5, ConvTranspose 4, MaxPool 4, Mul 3, ReduceMax 3,"
                        + " Slice 2, Squeeze 2, Div 1, Exp 1, Identity 1, Sub 1",
                "plugins:  none",
                "build:    trtpipe tao-convert -k KEY -p input_face_images,1x1x80x80,16x1x80x80,16x1x80x80 " + FPENET);
    }

    @Test
    void inspectShowsTheUffModel() {
        CliRun run = CliRun.of("inspect-etlt", "-k", "nvidia_tlt", LPDNET);

        assertThat(run.exit()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "file:     " + LPDNET + " (978334 bytes)",
                "header:   input name input_1 (UFF), nonce 3578ce489a96332eb5d4c8a69a4813c6",
                "payload:  UFF, 978307 bytes",
                "format:   UFF version 1 (tensorflow_extension 1), 236 referenced data entries",
                "inputs:   input_1 FLOAT32 [-1,3,480,640]",
                "outputs:  output_cov/Sigmoid",
                "          output_bbox/BiasAdd",
                "ops:      541 nodes: Const 235, Binary 157, Reshape 84, Conv 23, Unary 21, Activation 18, MarkOutput 2, Input 1",
                "plugins:  none",
                "build:    trtpipe tao-convert -k KEY -d 3,480,640 -i nchw -o output_cov/Sigmoid,output_bbox/BiasAdd -m 16 " + LPDNET
                        + " (translated to ONNX; TensorRT 9+ has no UFF parser)",
                "uff → onnx:",
                "  Const                  → initializer (when used as a tensor)",
                "  Input                  → graph input (batch N)",
                "  Conv                   → Conv (strides [2, 2], pads [3, 3, 3, 3]); Conv (strides [2, 2], pads [1, 1, 1, 1]);"
                        + " Conv (strides [1, 1], pads [1, 1, 1, 1]); Conv (strides [2, 2], pads [0, 0, 0, 0]);"
                        + " Conv (strides [1, 1], pads [0, 0, 0, 0])",
                "  Binary add             → Add",
                "  Reshape                → Reshape",
                "  Unary rsqrt            → Reciprocal(Sqrt(x))",
                "  Binary mul             → Mul",
                "  Binary sub             → Sub",
                "  Activation relu6       → Clip(0, 6)",
                "  Activation sigmoid     → Sigmoid",
                "  MarkOutput             → graph output (name kept)");
    }

    @Test
    void onnx2etltPackagesAModelThatDecryptsBack() throws IOException {
        Path onnx = dir.resolve("fpenet.onnx");
        Path etlt = dir.resolve("fpenet.etlt");
        Path key = Files.writeString(dir.resolve("key.txt"), "my own key\n");
        CliRun.of("etlt2onnx", "-k", "nvidia_tlt", FPENET, "-o", onnx.toString());

        CliRun pack = CliRun.of("onnx2etlt", "-k", "file:" + key, onnx.toString());
        Files.delete(onnx);
        CliRun unpack = CliRun.of("etlt2onnx", "--key", "my own key", etlt.toString());

        assertThat(pack.exit()).isZero();
        assertThat(pack.out()).startsWith("wrote " + etlt + " (ONNX payload, nonce ").endsWith(", encrypted with the key in " + key + ")\n");
        assertThat(unpack.exit()).isZero();
        assertThat(sha256(onnx)).isEqualTo(FPENET_ONNX_SHA256);
    }

    @Test
    void onnx2etltRefusesAFileThatIsNotOnnx() throws IOException {
        Path notOnnx = Files.writeString(dir.resolve("notes.onnx"), "these are notes, not a model\n");

        CliRun run = CliRun.of("onnx2etlt", "-k", "nvidia_tlt", notOnnx.toString());

        assertThat(run.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).startsWith("trtpipe onnx2etlt: " + notOnnx + ": not a valid ONNX model (");
        assertThat(filesIn(dir)).containsExactly("notes.onnx");
    }

    @Test
    void benchEtltReportsThroughputs() {
        CliRun run = CliRun.of("bench-etlt", "--size-mb", "2", "--rounds", "1", "--dir", dir.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("key derivation:", "file to file:     plain copy ", "output discarded: plain read ");
    }

    @Test
    void benchEtltUffReportsBestAndMedianAndLeavesNoFiles() throws IOException {
        CliRun run = CliRun.of("bench-etlt", "--uff", LPDNET, "-k", "nvidia_tlt", "--rounds", "4", "--dir", dir.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("UFF 978307 bytes → ONNX 952402 bytes", "4 rounds after 1 warm-up rounds", "load average:",
                "best:\n  decrypt + write:", "median:\n  decrypt + write:", "x decrypt + write (target ≤ 2)",
                "(median of the rounds' own ratios)\n", "\nverdict:          target ");
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
