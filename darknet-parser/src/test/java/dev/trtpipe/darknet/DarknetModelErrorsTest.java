package dev.trtpipe.darknet;

import static dev.trtpipe.darknet.CfgFixtures.conv;
import static dev.trtpipe.darknet.CfgFixtures.net;
import static dev.trtpipe.darknet.CfgFixtures.yolo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad cfgs fail with one line naming the file and line, where darknet would build a different network. */
class DarknetModelErrorsTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> parsing(String text) {
        return assertThatThrownBy(() -> DarknetModel.parse(text, "bad.cfg")).isInstanceOf(DarknetFormatException.class);
    }

    @Test
    void unknownSection() {
        parsing(net(32, 32, 3) + conv(4, 3, 1, "leaky") + "\n[convolutinal]\nfilters=2\n")
                .hasMessageStartingWith("bad.cfg:13: [convolutinal] is not a darknet layer type");
    }

    @Test
    void knownButUnsupportedSection() {
        parsing(net(32, 32, 3) + "[lstm]\noutput=4\n").hasMessageContaining("[lstm] is a darknet layer type trtpipe does not convert");
    }

    @Test
    void unknownActivationIsAnErrorNotRelu() {
        parsing(net(32, 32, 3) + conv(4, 3, 1, "leakyy"))
                .hasMessageStartingWith("bad.cfg:11: [convolutional] unknown activation 'leakyy' (darknet would silently use relu)");
    }

    @Test
    void missingRequiredKey() {
        parsing(net(32, 32, 3) + conv(4, 3, 1, "leaky") + "[route]\n")
                .hasMessageStartingWith("bad.cfg:12: [route] needs 'layers=' but the section has none");
    }

    @Test
    void routeToALayerThatDoesNotExist() {
        parsing(net(32, 32, 3) + conv(4, 3, 1, "leaky") + "[route]\nlayers=-1, 5\n")
                .hasMessageStartingWith("bad.cfg:13: [route] layers refers to layer 5, but layer 1 can only use layers 0..0");
        parsing(net(32, 32, 3) + conv(4, 3, 1, "leaky") + "[route]\nlayers=-3\n")
                .hasMessageContaining("refers to layer -3 (= -2)");
    }

    @Test
    void routeOfDifferentSizes() {
        parsing(net(32, 32, 3) + conv(4, 3, 1, "leaky") + conv(4, 3, 2, "leaky") + "[route]\nlayers=-1,-2\n")
                .hasMessageStartingWith("bad.cfg:20: [route] cannot concatenate layer 1 (4x16x16) with layer 0 (4x32x32)");
    }

    @Test
    void yoloWhoseInputChannelsDoNotFitMaskAndClasses() {
        parsing(net(32, 32, 3) + conv(24, 1, 1, "linear") + yolo("0,1,2", 2))
                .hasMessageStartingWith("bad.cfg:12: [yolo] expects len(mask)·(classes+5) = 3·(2+5) = 21 input channels, "
                        + "but layer 0 [convolutional] at line 5 outputs 24; set filters=21");
    }

    @Test
    void notANumber() {
        parsing(net(32, 32, 3) + "[convolutional]\nfilters=sixteen\n")
                .hasMessageStartingWith("bad.cfg:6: [convolutional] filters='sixteen' is not an integer");
    }

    @Test
    void firstSectionMustBeNet() {
        parsing(conv(4, 3, 1, "leaky")).hasMessageStartingWith("bad.cfg:1: the first section must be [net]");
    }

    @Test
    void netWithoutInputSize() {
        parsing("[net]\nwidth=416\n" + conv(4, 3, 1, "leaky")).hasMessageContaining("needs positive width, height and channels");
    }

    @Test
    void emptyText() {
        parsing("").hasMessage("bad.cfg has no sections (empty file?); a cfg starts with [net]");
        parsing("# only a comment\n\n").hasMessageContaining("no sections");
    }

    @Test
    void sizesOverTheMemoryLimit() {
        String huge = net(60000, 60000, 3) + conv(64, 3, 1, "leaky");
        parsing(huge).hasMessageStartingWith("bad.cfg:5: [convolutional] brings the network to")
                .hasMessageContaining("over the 16384 MiB limit");
        assertThatThrownBy(() -> DarknetModel.parse(net(64, 64, 3) + conv(64, 3, 1, "leaky"), "small.cfg", 1 << 20))
                .hasMessageContaining("over the 1 MiB limit");
    }

    @Test
    void outputThatWouldBeEmpty() {
        parsing(net(4, 4, 3) + "[maxpool]\nsize=8\nstride=8\npadding=0\n")
                .hasMessageStartingWith("bad.cfg:5: [maxpool] size=8 does not fit the input 3x4x4 padded by 0");
    }

    @Test
    void mathChangingOptionsTrtpipeDoesNotImplement() {
        parsing(net(32, 32, 3) + conv(4, 3, 1, "leaky") + "antialiasing=1\n")
                .hasMessageStartingWith("bad.cfg:12: [convolutional] antialiasing=1 is not supported");
    }

    @Test
    void binaryFileGivenAsCfg(@TempDir Path tmp) throws IOException {
        Path weights = Files.write(tmp.resolve("x.cfg"), new byte[]{0, 0, 0, 0, 2, 0, 0, 0});
        assertThatThrownBy(() -> DarknetModel.parse(weights)).hasMessageContaining("contains NUL bytes");
    }

    @Test
    void relativeAndAbsoluteReferencesResolveToTheSameLayers() {
        String head = net(32, 32, 3) + conv(4, 3, 1, "leaky") + conv(8, 3, 1, "leaky") + conv(2, 1, 1, "leaky");
        RouteLayer relative = (RouteLayer) DarknetModel.parse(head + "[route]\nlayers=-1,-3\n", "r.cfg").layer(3);
        RouteLayer absolute = (RouteLayer) DarknetModel.parse(head + "[route]\nlayers=2,0\n", "a.cfg").layer(3);
        assertThat(relative.sources()).containsExactly(2, 0).isEqualTo(absolute.sources());
        assertThat(relative.output()).isEqualTo(new Shape(6, 32, 32));
    }
}
