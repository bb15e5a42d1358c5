package dev.trtpipe.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.etlt.ModelSummary;
import dev.trtpipe.etlt.PayloadKind;
import dev.trtpipe.etlt.TensorSummary;
import dev.trtpipe.etlt.WrongKeyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two NGC models in ../shared/etlt; sizes, digests and tensors from etlt/PROVENANCE.txt. */
class EtltTest {

    private static final Path FPENET = SharedRefs.resolve("etlt/faciallandmarks.etlt");
    private static final Path LPDNET = SharedRefs.resolve("etlt/usa_pruned.etlt");
    private static final String KEY = "nvidia_tlt";

    @TempDir
    Path tmp;

    @Test
    void decryptingIntoMemoryGivesThePlaintextProvenanceRecords() throws Exception {
        DecryptedModel onnx = Etlt.decrypt(FPENET, KEY);
        DecryptedModel uff = Etlt.decrypt(LPDNET, KEY);

        assertThat(onnx.kind()).isEqualTo(PayloadKind.ONNX);
        assertThat(onnx.size()).isEqualTo(2350994);
        assertThat(sha256(onnx.bytes())).isEqualTo("2c281b7a0a0d1b1c8cc48c32279468c45e5377694310b6a86808a74fbdb18928");
        assertThat(uff.kind()).isEqualTo(PayloadKind.UFF);
        assertThat(sha256(uff.bytes())).isEqualTo("b42b287820222d15f922af76590d37a71d220dc916740cc74aae6a5a9ada76b8");
    }

    @Test
    void decryptingToAFileWritesTheSameBytes() throws Exception {
        Path out = tmp.resolve("models/lpd.uff");

        DecryptedFile file = Etlt.decrypt(LPDNET, KEY, out);

        assertThat(file.file()).isEqualTo(out);
        assertThat(file.kind()).isEqualTo(PayloadKind.UFF);
        assertThat(file.bytes()).isEqualTo(978307);
        assertThat(sha256(Files.readAllBytes(out))).isEqualTo("b42b287820222d15f922af76590d37a71d220dc916740cc74aae6a5a9ada76b8");
    }

    @Test
    void inspectingListsTheTensorsProvenanceRecords() throws Exception {
        ModelSummary fpenet = Etlt.inspect(FPENET, KEY);
        ModelSummary lpdnet = Etlt.inspect(LPDNET, KEY);

        assertThat(fpenet.inputs()).extracting(TensorSummary::name).containsExactly("input_face_images");
        assertThat(fpenet.outputs()).extracting(TensorSummary::name)
                .containsExactlyInAnyOrder("softargmax", "softargmax:1", "conv_keypoints_m80");
        assertThat(fpenet.plugins()).isEmpty();
        assertThat(lpdnet.inputs()).extracting(TensorSummary::name).containsExactly("input_1");
        assertThat(lpdnet.outputs()).extracting(TensorSummary::name).contains("output_cov/Sigmoid", "output_bbox/BiasAdd");
    }

    @Test
    void aWrongKeyIsNamedByItsSourceAndWritesNothing() {
        Path out = tmp.resolve("x.onnx");

        assertThatThrownBy(() -> Etlt.decrypt(FPENET, "not_the_key", out))
                .isInstanceOf(WrongKeyException.class)
                .hasMessageContaining(FPENET.toString())
                .hasMessageNotContaining("not_the_key");
        assertThat(tmp).isEmptyDirectory();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
