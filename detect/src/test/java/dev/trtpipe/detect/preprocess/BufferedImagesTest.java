package dev.trtpipe.detect.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;

class BufferedImagesTest {

    @Test
    void colourSamplesLandInTheirPlanes() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x102030);
        image.setRGB(1, 0, 0xA0B0C0);

        RgbImage rgb = BufferedImages.toRgb(image);

        assertThat(new int[]{rgb.sample(0, 0, 0), rgb.sample(1, 0, 0), rgb.sample(2, 0, 0)}).containsExactly(0x10, 0x20, 0x30);
        assertThat(new int[]{rgb.sample(0, 1, 0), rgb.sample(1, 1, 0), rgb.sample(2, 1, 0)}).containsExactly(0xA0, 0xB0, 0xC0);
    }

    @Test
    void greyIsReplicatedAsStoredWithoutJava2dsGammaCurve() {
        BufferedImage grey = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 100);
        // what getRGB() would hand over instead: Java2D converts linear grey to sRGB, so 100 becomes brighter
        assertThat(grey.getRGB(0, 0) & 0xFF).isNotEqualTo(100);

        RgbImage rgb = BufferedImages.toRgb(grey);

        assertThat(new int[]{rgb.sample(0, 0, 0), rgb.sample(1, 0, 0), rgb.sample(2, 0, 0)}).containsExactly(100, 100, 100);
    }

    @Test
    void otherColourSpacesAreRefusedInOneLine() {
        ColorSpace xyz = ColorSpace.getInstance(ColorSpace.CS_CIEXYZ);
        ComponentColorModel model = new ComponentColorModel(xyz, false, false, java.awt.Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 1, 1, 3, null);
        BufferedImage image = new BufferedImage(model, raster, false, null);

        assertThatThrownBy(() -> BufferedImages.toRgb(image))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the image is an unsupported colour space (type 0) image (3 colour channels); trtpipe detects on RGB and grey images");
    }
}
