package dev.trtpipe.etlt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.Precision;
import dev.trtpipe.trt.ShapeProfile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** tao-converter flags against the real FPENet (ONNX) and LPDNet (UFF) graphs of ../shared/etlt. */
class TaoBuildPlanTest {

    private static final String FPENET = Shared.ONNX_ETLT.toString();
    private static final String FPENET_PROFILE = "input_face_images,1x1x80x80,32x1x80x80,64x1x80x80";

    private static ModelSummary fpenet;
    private static ModelSummary lpdnet;

    @BeforeAll
    static void inspectTheSharedModels() throws IOException {
        fpenet = Shared.inspect(Shared.ONNX_ETLT);
        lpdnet = Shared.inspect(Shared.UFF_ETLT);
    }

    @Test
    void mapsFlagsToBuildOptions() throws IOException {
        TaoBuildPlan plan = plan(fpenet, "-k", "nvidia_tlt", "-p", FPENET_PROFILE, "-t", "fp16", "-w", "2147483648", "-s",
                "-u", "0", "-e", "fpenet.engine", FPENET);

        BuildOptions options = plan.options();
        assertThat(options.precision()).isEqualTo(Precision.FP16);
        assertThat(options.workspaceBytes()).isEqualTo(2147483648L);
        assertThat(options.strictTypes()).isTrue();
        assertThat(options.dlaCore()).contains(0);
        assertThat(options.profiles()).containsExactly(ShapeProfile.parse(FPENET_PROFILE));
        assertThat(options.calibrationCache()).isEmpty();
        assertThat(plan.engine()).isEqualTo(Path.of("fpenet.engine"));
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void defaultsMatchTaoConverter() throws IOException {
        BuildOptions options = plan(fpenet, "-k", "nvidia_tlt", "-p", FPENET_PROFILE, FPENET).options();

        assertThat(options.precision()).isEqualTo(Precision.FP32);
        assertThat(options.workspaceBytes()).isEqualTo(1L << 30);
        assertThat(options.strictTypes()).isFalse();
        assertThat(options.dlaCore()).isEmpty();
    }

    @Test
    void aDynamicBatchWithoutProfileGetsAReadyProfileLine() {
        assertThatThrownBy(() -> plan(fpenet, "-k", "nvidia_tlt", FPENET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the model has a dynamic input shape but no optimization profile for it; add input_face_images [N,1,80,80]:"
                        + " -p input_face_images,1x1x80x80,16x1x80x80,16x1x80x80 (min, opt and max shapes; adjust the batch range to your needs)");
    }

    @Test
    void theSuggestedProfileUsesTheMaxBatchFlag() {
        assertThatThrownBy(() -> plan(fpenet, "-k", "nvidia_tlt", "-m", "64", FPENET))
                .hasMessageContaining("-p input_face_images,1x1x80x80,64x1x80x80,64x1x80x80 ");
    }

    @Test
    void warnsOnceForEachFlagThatOnlyUffUses() throws IOException {
        TaoBuildPlan plan = plan(fpenet, "-k", "nvidia_tlt", "-p", FPENET_PROFILE, "-d", "1,80,80", "-o", "softargmax",
                "-i", "nchw", "-m", "16", FPENET);

        assertThat(plan.warnings()).containsExactly(
                "-d 1,80,80 is not needed for ONNX models (input input_face_images is declared [N,1,80,80]); ignored",
                "-o is not needed for ONNX models (the graph declares softargmax,softargmax:1,conv_keypoints_m80); ignored",
                "-i nchw applies only to UFF models; ignored: the ONNX graph fixes its input layout",
                "-m 16 applies only to implicit-batch (UFF) engines; ignored: the batch range of an ONNX model comes from -p");
    }

    @Test
    void rejectsDimsThatContradictTheModel() {
        assertThatThrownBy(() -> plan(fpenet, "-k", "nvidia_tlt", "-p", FPENET_PROFILE, "-d", "3,80,80", FPENET))
                .hasMessage("-d 3,80,80 contradicts the model: input input_face_images is [N,1,80,80]; drop -d (ONNX models declare"
                        + " their input dimensions)");
    }

    @Test
    void rejectsAnUnknownOutput() {
        assertThatThrownBy(() -> plan(fpenet, "-k", "nvidia_tlt", "-p", FPENET_PROFILE, "-o", "output_cov/Sigmoid", FPENET))
                .hasMessage("-o: the model has no output output_cov/Sigmoid; its outputs are softargmax,softargmax:1,conv_keypoints_m80"
                        + " (ONNX models declare their outputs: drop -o)");
    }

    @Test
    void rejectsProfilesThatDoNotFit() {
        assertThatThrownBy(() -> plan(fpenet, "-k", "k", "-p", "input_1,1x1x80x80,1x1x80x80,1x1x80x80", FPENET))
                .hasMessage("-p input_1,1x1x80x80,1x1x80x80,1x1x80x80: the model has no input input_1; its inputs are input_face_images");
        assertThatThrownBy(() -> plan(fpenet, "-k", "k", "-p", "input_face_images,1x3x80x80,1x3x80x80,1x3x80x80", FPENET))
                .hasMessage("-p input_face_images,1x3x80x80,1x3x80x80,1x3x80x80: dimension 1 of input input_face_images [N,1,80,80]"
                        + " is fixed at 1, but the profile asks for 3..3");
        assertThatThrownBy(() -> plan(fpenet, "-k", "k", "-p", "input_face_images,1x80x80,1x80x80,1x80x80", FPENET))
                .hasMessage("-p input_face_images,1x80x80,1x80x80,1x80x80: input input_face_images is [N,1,80,80], 4 dimensions,"
                        + " but the profile shapes have 3");
        assertThatThrownBy(() -> plan(fpenet, "-k", "k", "-p", FPENET_PROFILE, "-p", FPENET_PROFILE, FPENET))
                .hasMessage("-p: two profiles for input input_face_images; give one per input");
    }

    @Test
    void int8ReadsTheCalibrationCacheAndSaysHowMuchOfItMatches() throws IOException {
        TaoBuildPlan plan = plan(fpenet, "-k", "k", "-p", FPENET_PROFILE, "-t", "int8", "-c", Shared.FPENET_CAL.toString(), "-b", "16", FPENET);

        assertThat(plan.options().precision()).isEqualTo(Precision.INT8);
        assertThat(plan.options().calibrationCache()).contains(Shared.FPENET_CAL);
        assertThat(plan.options().calibrationBatchSize()).isEqualTo(16);
        // TensorRT 8.0.1 wrote the cache with its own fused-layer names; only some are ONNX tensor names
        assertThat(plan.warnings()).singleElement().asString()
                .startsWith(Shared.FPENET_CAL + " (TRT-8001-EntropyCalibration2): ")
                .contains(" of 68 tensor names are in this model");
    }

    @Test
    void int8WithoutACacheSaysWhichFileIsMissing() {
        assertThatThrownBy(() -> plan(fpenet, "-k", "k", "-p", FPENET_PROFILE, "-t", "int8", FPENET))
                .hasMessage("-t int8 needs a calibration cache, and cal.bin does not exist (the default of -c);"
                        + " pass the cache that came with the model as -c <file>");
    }

    @Test
    void calibrationFlagsWithoutInt8AreIgnoredWithAWarning() throws IOException {
        TaoBuildPlan plan = plan(fpenet, "-k", "k", "-p", FPENET_PROFILE, "-t", "fp16", "-c", "cal.bin", "-b", "8", FPENET);

        assertThat(plan.options().calibrationCache()).isEmpty();
        assertThat(plan.warnings()).containsExactly("-c cal.bin applies only with -t int8; ignored", "-b 8 applies only with -t int8; ignored");
    }

    @Test
    void uffFlagsOfTheDocumentsCommandBecomeABatchProfile() throws IOException {
        // tao-converter -k $KEY -d C,H,W -o ... -m 16 -t fp16 -i nchw: an implicit-batch engine becomes profile 1..16
        TaoBuildPlan plan = plan(lpdnet, "-k", "nvidia_tlt", "-d", "3,480,640", "-o", "output_cov/Sigmoid,output_bbox/BiasAdd",
                "-m", "16", "-t", "fp16", "-i", "nchw", Shared.UFF_ETLT.toString());
        assertThat(plan.options().precision()).isEqualTo(Precision.FP16);
        assertThat(plan.options().profiles()).containsExactly(ShapeProfile.parse("input_1,1x3x480x640,16x3x480x640,16x3x480x640"));
        assertThat(plan.warnings()).isEmpty();
        assertThat(plan(lpdnet, "-k", "k", "-i", "nhwc", "-d", "480,640,3", "-m", "4", Shared.UFF_ETLT.toString()).options().profiles())
                .containsExactly(ShapeProfile.parse("input_1,1x480x640x3,4x480x640x3,4x480x640x3"));
    }

    @Test
    void uffFlagsThatContradictTheGraphNameWhatItHas() {
        assertThatThrownBy(() -> plan(lpdnet, "-k", "nvidia_tlt", "-d", "3,300,300", Shared.UFF_ETLT.toString()))
                .hasMessage("-d 3,300,300 contradicts the model: UFF input input_1 is [-1,3,480,640], so -d 3,480,640 -i nchw");
        assertThatThrownBy(() -> plan(lpdnet, "-k", "nvidia_tlt", "-o", "NMS", Shared.UFF_ETLT.toString()))
                .hasMessage("-o: the UFF graph has no tensor NMS; its outputs are output_cov/Sigmoid,output_bbox/BiasAdd");
    }

    @Test
    void otherDynamicDimensionsComeFromTheDimsFlag() {
        ModelSummary detector = new ModelSummary(PayloadKind.ONNX, "ONNX", List.of(new TensorSummary("Input", "FLOAT",
                List.of(Dim.symbolic("batch"), Dim.of(3), Dim.symbolic("height"), Dim.symbolic("width")))), List.of(), Map.of(),
                List.of(), Set.of());

        assertThatThrownBy(() -> plan(detector, "-k", "k", "-d", "3,384,1248", "yolo.etlt"))
                .hasMessageContaining("-p Input,1x3x384x1248,16x3x384x1248,16x3x384x1248 ");
        assertThatThrownBy(() -> plan(detector, "-k", "k", "yolo.etlt"))
                .hasMessageContaining("-p Input,1x3x<height>x<width>,16x3x<height>x<width>,16x3x<height>x<width> ");
    }

    private static TaoBuildPlan plan(ModelSummary model, String... argv) throws IOException {
        return TaoBuildPlan.create(TaoCommandLine.parse(argv), model);
    }
}
