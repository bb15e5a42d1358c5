package dev.trtpipe.uff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.SettingFact;
import org.junit.jupiter.api.Test;

/** An input that does not fit the declared layout names the layout setting, which a command line writes as its flag. */
class InputLayoutFactTest {

    @Test
    void anImageInputDeclaredNcIsAFactAboutTheInputLayout() {
        UffGraphBuilder b = new UffGraphBuilder().input("x", -1, 3, 2, 2);
        b.node("y", "Activation", "x").string("func", "relu").add().markOutput("y");

        Throwable t = catchThrowable(() -> UffToOnnx.standard()
                .translate(b.graph("nc-model"), UffTranslationOptions.defaults().withInputLayout(UffTranslationOptions.InputLayout.NC)));

        assertThat(t).isInstanceOf(UffFormatException.class).isInstanceOf(SettingFact.class);
        assertThat(t.getMessage()).endsWith("not the [N, C] that the input layout declares").doesNotContain("-i");
        assertThat(((SettingFact) t).render(s -> s == SettingException.Setting.INPUT_ORDER ? "-i" : "?")).endsWith("not the [N, C] that -i nc declares");
    }
}
