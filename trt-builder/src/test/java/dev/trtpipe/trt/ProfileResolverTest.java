package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.SettingException;
import dev.trtpipe.onnx.OnnxModelInfo;
import dev.trtpipe.trt.selftest.SyntheticModels;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProfileResolverTest {

    private static final OnnxModelInfo DYNAMIC = OnnxModelInfo.parse(SyntheticModels.convNet(-1, 1), "dyn.onnx");
    private static final OnnxModelInfo STATIC = OnnxModelInfo.parse(SyntheticModels.convNet(1, 1), "static.onnx");
    /** The command line's flags for these settings (cli's LibraryFacts): with them the messages read as they always did. */
    private static final Map<SettingException.Setting, String> CLI_FLAGS = Map.of(SettingException.Setting.BATCH_PROFILE, "--batch",
            SettingException.Setting.SHAPE_PROFILE, "-p", SettingException.Setting.PROFILE, "-p");

    @Test
    void aDynamicInputWithoutProfileGetsAReadyLineThatThenWorks() {
        assertThatThrownBy(() -> ProfileResolver.resolve(DYNAMIC, BuildOptions.builder().build(), "dyn.onnx"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("input 'images' has dynamic dimensions [?,3,64,64]")
                .hasMessageContaining("add the optimization profile images,1x3x64x64,4x3x64x64,8x3x64x64")
                .hasMessageContaining("(or a batch profile 1:4:8)");
        // the suggested line, pasted back, resolves
        String message = catchMessage(() -> ProfileResolver.resolve(DYNAMIC, BuildOptions.builder().build(), "dyn.onnx"));
        Matcher m = Pattern.compile("add the optimization profile (\\S+)").matcher(message);
        assertThat(m.find()).isTrue();
        ProfileResolver.Resolution r = ProfileResolver.resolve(DYNAMIC,
                BuildOptions.builder().profile(ShapeProfile.parse(m.group(1))).build(), "dyn.onnx");
        assertThat(r.profiles()).containsExactly(ShapeProfile.parse("images,1x3x64x64,4x3x64x64,8x3x64x64"));
    }

    @Test
    void batchRangeCoversABatchDynamicInput() {
        ProfileResolver.Resolution r = ProfileResolver.resolve(DYNAMIC,
                BuildOptions.builder().batchRange(BuildOptions.BatchRange.parse("1:2:16")).build(), "dyn.onnx");
        assertThat(r.profiles()).containsExactly(ShapeProfile.parse("images,1x3x64x64,2x3x64x64,16x3x64x64"));
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void batchRangeOnAStaticModelIsIgnoredWithAWarning() {
        ProfileResolver.Resolution r = ProfileResolver.resolve(STATIC,
                BuildOptions.builder().batchRange(BuildOptions.BatchRange.parse("1:2:4")).build(), "static.onnx");
        assertThat(r.profiles()).isEmpty();
        assertThat(r.warnings()).singleElement().asString()
                .isEqualTo("a batch profile ignored: no input of static.onnx has a dynamic batch dimension without a shape profile");
        // the command line's flags for these settings give the warning it always printed
        assertThat(r.warnings().get(0).render(CLI_FLAGS::get))
                .isEqualTo("--batch ignored: no input of static.onnx has a dynamic batch dimension without a -p profile");
    }

    @Test
    void aProfileForAnUnknownInputListsTheRealOnes() {
        BuildOptions o = BuildOptions.builder().profile(ShapeProfile.parse("input_1,1x3x64x64,1x3x64x64,1x3x64x64")).build();
        assertThatThrownBy(() -> ProfileResolver.resolve(DYNAMIC, o, "dyn.onnx"))
                .hasMessage("dyn.onnx: the optimization profile names input 'input_1', but the model's inputs are: images")
                .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.render(CLI_FLAGS::get))
                        .isEqualTo("dyn.onnx: -p names input 'input_1', but the model's inputs are: images"));
    }

    @Test
    void twoProfilesForOneInputAreRejected() {
        ShapeProfile p = ShapeProfile.parse("images,1x3x64x64,1x3x64x64,1x3x64x64");
        BuildOptions o = BuildOptions.builder().profile(p).profile(p).build();
        assertThatThrownBy(() -> ProfileResolver.resolve(DYNAMIC, o, "dyn.onnx"))
                .hasMessage("dyn.onnx: input 'images' has two shape profiles; give one")
                .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.render(CLI_FLAGS::get))
                        .isEqualTo("dyn.onnx: input 'images' has two -p profiles; give one"));
    }

    @Test
    void aProfileThatVariesAFixedDimensionIsRejected() {
        BuildOptions o = BuildOptions.builder().profile(ShapeProfile.parse("images,1x3x32x64,1x3x64x64,1x3x96x64")).build();
        assertThatThrownBy(() -> ProfileResolver.resolve(DYNAMIC, o, "dyn.onnx"))
                .hasMessageContaining("varies dimension 2 of input 'images', which the model fixes at 64")
                .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.render(CLI_FLAGS::get))
                        .startsWith("dyn.onnx: -p images,1x3x32x64,1x3x64x64,1x3x96x64 varies dimension 2"));
    }

    @Test
    void aProfileOfTheWrongRankIsRejected() {
        BuildOptions o = BuildOptions.builder().profile(ShapeProfile.parse("images,1x64x64,1x64x64,1x64x64")).build();
        assertThatThrownBy(() -> ProfileResolver.resolve(DYNAMIC, o, "dyn.onnx"))
                .hasMessageContaining("has 3 dimensions, but input 'images' has 4")
                .isInstanceOfSatisfying(SettingException.class, e -> assertThat(e.render(CLI_FLAGS::get))
                        .startsWith("dyn.onnx: -p images,1x64x64,1x64x64,1x64x64 has 3 dimensions").contains("; use -p images,"));
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
            throw new AssertionError("expected an exception");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
