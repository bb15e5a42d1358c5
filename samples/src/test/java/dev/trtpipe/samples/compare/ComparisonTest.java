package dev.trtpipe.samples.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.etlt.EtltFile;
import dev.trtpipe.etlt.EtltKey;
import dev.trtpipe.etlt.Plaintext;
import dev.trtpipe.trt.Precision;
import dev.trtpipe.trt.TrtAvailability;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare on a host without TensorRT: both paths on ONNX Runtime, which must agree exactly. */
class ComparisonTest {

    private static final Path YOLO_FASTEST = SharedRefs.resolve("models/darknet/trained/yolo-fastest-1.1_coco");
    private static final Path FPENET = SharedRefs.resolve("etlt/faciallandmarks.etlt");

    @TempDir
    Path dir;

    private final List<Step> progress = new ArrayList<>();

    @BeforeEach
    void cpuOnly() {
        assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT: engines are compared instead (not bit-exact by contract)");
    }

    private ComparisonReport compare(CompareSubject subject, Optional<Path> image) throws Exception {
        return Comparison.run(new CompareSettings(subject, image, dir, Precision.FP32, Optional.empty()), progress::add);
    }

    @Test
    void yoloFastestDownBothPathsGivesIdenticalOnnxAndIdenticalOutputs() throws Exception {
        ComparisonReport r = compare(new DarknetSubject(YOLO_FASTEST.resolve("yolo-fastest-1.1.cfg"),
                YOLO_FASTEST.resolve("yolo-fastest-1.1.weights"), "nvidia_tlt"), Optional.of(SharedRefs.resolve("images/dog_decoded.png")));

        String rawSha = sha256(Files.newInputStream(dir.resolve("raw/model.onnx")));
        try (Plaintext plain = EtltFile.read(dir.resolve("tao/model.etlt")).decrypt(EtltKey.of("nvidia_tlt"))) {
            assertThat(sha256(plain.inputStream())).as("the .etlt decrypts to the raw ONNX").isEqualTo(rawSha);
        }
        assertThat(r.onnx().rawSha256()).isEqualTo(rawSha);
        assertThat(r.onnx().decryptedSha256()).isEqualTo(rawSha);
        assertThat(r.onnx().identical()).isTrue();
        // the two heads of Yolo-Fastest-1.1 at 320x320: 255x10x10 and 255x20x20 (references.md §5)
        assertThat(r.outputs()).extracting(OutputDifference::output, OutputDifference::values)
                .containsExactly(tuple("120_convolutional", 25500L),
                        tuple("129_convolutional", 102000L));
        assertThat(r.outputs()).allSatisfy(d -> assertThat(d.differingValues()).isZero());
        assertThat(r.maxAbsDifference()).isZero();
        assertThat(r.steps()).extracting(Step::path, Step::stage).containsExactly(
                tuple("raw", "model -> ONNX"), tuple("raw", "engine build"),
                tuple("raw", "inference"), tuple("TAO", "ONNX -> .etlt"),
                tuple("TAO", "engine build"), tuple("TAO", "inference"));
        assertThat(progress).isEqualTo(r.steps());
        assertThat(r.steps().get(4).command()).isEqualTo("trtpipe tao-convert -k nvidia_tlt -e " + dir.resolve("tao/model.plan")
                + " " + dir.resolve("tao/model.etlt"));
        assertThat(r.input()).contains("darknet's resize_image to 320x320");
        assertThat(r.backend()).startsWith("onnxruntime-cpu (no engines: TensorRT is not usable on this host");
        try (var files = Files.list(dir.resolve("tao"))) {
            assertThat(files.map(p -> p.getFileName().toString())).as("the decrypted ONNX is deleted").containsExactly("model.etlt");
        }
    }

    @Test
    void faciallandmarksEtltDownBothPathsReportsItsShapesAndTheProvenanceHash() throws Exception {
        ComparisonReport r = compare(new EtltSubject(FPENET, "nvidia_tlt"), Optional.empty());

        String plainSha = provenancePlainSha256("faciallandmarks.etlt");
        assertThat(r.onnx().rawSha256()).isEqualTo(plainSha);
        assertThat(r.onnx().decryptedSha256()).isEqualTo(plainSha);
        // outputs as PROVENANCE.txt lists them
        assertThat(r.outputs()).extracting(OutputDifference::output, OutputDifference::shape).containsExactly(
                tuple("softargmax", "[N,80,2]"), tuple("softargmax:1", "[N,80]"),
                tuple("conv_keypoints_m80", "[N,80,80,80]"));
        assertThat(r.outputs()).extracting(OutputDifference::values).containsExactly(160L, 80L, 512000L);
        assertThat(r.maxAbsDifference()).isZero();
        assertThat(r.io()).allSatisfy(io -> assertThat(io.inputs()).extracting(TensorDesc::toString)
                .containsExactly("input_face_images FLOAT [N,1,80,80]"));
        assertThat(r.input()).startsWith("input_face_images float [1,1,80,80]: synthetic 1x1x80x80");
        Step taoConvert = r.steps().get(4);
        assertThat(taoConvert.command()).endsWith("-p input_face_images,1x1x80x80,16x1x80x80,16x1x80x80 " + FPENET);
        assertThat(taoConvert.mustKnow()).contains("the key (-k) the model was exported with", "plugins: none needed");
        assertThat(r.steps().get(0).command()).isEqualTo("trtpipe etlt2onnx -k nvidia_tlt " + FPENET + " -o " + dir.resolve("raw/model.onnx"));

        JsonNode json = new ObjectMapper().readTree(JsonReport.render(r));
        assertThat(json.get("onnx").get("identical").asBoolean()).isTrue();
        assertThat(json.get("outputs").get(2).get("shape").asText()).isEqualTo("[N,80,80,80]");
        assertThat(json.get("steps")).hasSize(6);
        assertThat(MarkdownReport.render(r)).contains("| softargmax | [N,80,2] | 160 | 0 | 0 |", "Byte-identical.",
                "`" + plainSha + "`");
    }

    @Test
    void anImageNeedsADetectionModel() {
        assertThatThrownBy(() -> compare(new EtltSubject(FPENET, "nvidia_tlt"), Optional.of(SharedRefs.resolve("images/dog_decoded.png"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("an input image needs a detection model: a darknet model"
                        + " converted by trtpipe, or a TAO detector with its nvinfer config")
                .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.render(s -> "<" + s + ">")).startsWith(
                        "<IMAGE> needs a detection model: a darknet model converted by trtpipe, or a TAO detector with <NVINFER_CONFIG>"));
    }

    @Test
    void aPrivateKeyStaysOutOfTheReport() throws Exception {
        ComparisonReport r = compare(new DarknetSubject(YOLO_FASTEST.resolve("yolo-fastest-1.1.cfg"),
                YOLO_FASTEST.resolve("yolo-fastest-1.1.weights"), "my-secret-key"), Optional.empty());
        assertThat(JsonReport.render(r)).doesNotContain("my-secret-key").contains("-k <key>");
        assertThat(r.input()).contains("uniform in [0, 1)");
    }

    /** The {@code plain : N bytes, sha256 X} line of the file's entry in ../shared/etlt/PROVENANCE.txt. */
    private static String provenancePlainSha256(String file) throws Exception {
        String text = Files.readString(SharedRefs.resolve("etlt/PROVENANCE.txt"));
        String entry = text.substring(text.indexOf(") " + file));
        Matcher m = Pattern.compile("plain\\s*:\\s*\\d+ bytes, sha256 ([0-9a-f]{64})").matcher(entry);
        assertThat(m.find()).as("PROVENANCE.txt entry for " + file).isTrue();
        return m.group(1);
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (DigestInputStream d = new DigestInputStream(in, digest)) {
            d.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
