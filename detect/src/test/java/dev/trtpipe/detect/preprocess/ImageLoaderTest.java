package dev.trtpipe.detect.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.testing.SharedRefs;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Colour rules of darknet's loader (OpenCV {@code imread(IMREAD_COLOR)}: grey replicated, alpha dropped,
 * palette expanded, 16-bit → high byte) on images built here with known pixels, and one-line errors
 * for files that are not usable images.
 */
class ImageLoaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsTheLosslessDogAtItsSize() throws Exception {
        RgbImage dog = ImageLoader.load(SharedRefs.resolve("images/dog_decoded.png"));
        assertThat(dog.width()).isEqualTo(768);
        assertThat(dog.height()).isEqualTo(576);
    }

    @Test
    void greyIsReplicatedIntoRgbWithoutColourManagement() throws Exception {
        BufferedImage grey = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 0, 0, 77);
        RgbImage rgb = ImageLoader.load(png(grey, "grey.png"));
        // getRGB() would return a gamma-converted value for 77; OpenCV replicates the stored byte
        assertThat(new int[] {rgb.sample(0, 1, 0), rgb.sample(1, 1, 0), rgb.sample(2, 1, 0)}).containsExactly(77, 77, 77);
    }

    @Test
    void sixteenBitKeepsTheHighByte() throws Exception {
        BufferedImage deep = new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSample(0, 1, 0, 0xABCD);
        RgbImage rgb = ImageLoader.load(png(deep, "deep.png"));
        assertThat(rgb.sample(1, 0, 1)).isEqualTo(0xAB);
    }

    @Test
    void alphaIsDroppedNotComposited() throws Exception {
        BufferedImage rgba = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0x10203040); // alpha 0x10, nearly transparent
        RgbImage rgb = ImageLoader.load(png(rgba, "alpha.png"));
        assertThat(new int[] {rgb.sample(0, 0, 0), rgb.sample(1, 0, 0), rgb.sample(2, 0, 0)})
                .containsExactly(0x20, 0x30, 0x40);
    }

    @Test
    void paletteIsExpanded() throws Exception {
        IndexColorModel palette = new IndexColorModel(2, 2, new byte[] {0, (byte) 200}, new byte[] {0, 100}, new byte[] {0, 50});
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY, palette);
        indexed.getRaster().setSample(1, 0, 0, 1);
        RgbImage rgb = ImageLoader.load(png(indexed, "palette.png"));
        assertThat(new int[] {rgb.sample(0, 1, 0), rgb.sample(1, 1, 0), rgb.sample(2, 1, 0)}).containsExactly(200, 100, 50);
    }

    @Test
    void rgbPngKeepsItsBytes() throws Exception {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_3BYTE_BGR);
        img.setRGB(1, 1, 0x0A0B0C);
        RgbImage rgb = ImageLoader.load(png(img, "rgb.png"));
        assertThat(new int[] {rgb.sample(0, 1, 1), rgb.sample(1, 1, 1), rgb.sample(2, 1, 1)}).containsExactly(10, 11, 12);
    }

    @Test
    void emptyFile() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.jpg"));
        assertThatThrownBy(() -> ImageLoader.load(empty)).isInstanceOf(ImageLoadException.class)
                .hasMessage(empty + ": the file is empty (0 bytes); pass a JPEG or PNG image");
    }

    @Test
    void missingFile() {
        Path missing = tmp.resolve("nope.png");
        assertThatThrownBy(() -> ImageLoader.load(missing)).hasMessage(missing + ": no such file");
    }

    @Test
    void notAnImage() throws Exception {
        Path text = Files.writeString(tmp.resolve("names.png"), "dog\ncat\n");
        assertThatThrownBy(() -> ImageLoader.load(text)).isInstanceOf(ImageLoadException.class)
                .hasMessageStartingWith(text + ": not an image in a format the JDK can read");
    }

    @Test
    void truncatedJpeg() throws Exception {
        byte[] jpeg = Files.readAllBytes(SharedRefs.resolve("images/dog.jpg"));
        Path cut = Files.write(tmp.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        assertThatThrownBy(() -> ImageLoader.load(cut)).isInstanceOf(ImageLoadException.class)
                .hasMessageStartingWith(cut + ": is corrupt or truncated").hasMessageNotContaining("\n");
    }

    @Test
    void truncatedPng() throws Exception {
        byte[] png = Files.readAllBytes(SharedRefs.resolve("images/dog_decoded.png"));
        Path cut = Files.write(tmp.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
        assertThatThrownBy(() -> ImageLoader.load(cut)).isInstanceOf(ImageLoadException.class)
                .hasMessageStartingWith(cut + ": is corrupt or truncated").hasMessageNotContaining("\n");
    }

    @Test
    void zeroSizedPng() throws Exception {
        Path zero = Files.write(tmp.resolve("zero.png"), pngWithHeader(0, 0));
        assertThatThrownBy(() -> ImageLoader.load(zero)).isInstanceOf(ImageLoadException.class)
                .hasMessageStartingWith(zero + ": ").hasMessageNotContaining("\n");
    }

    private Path png(BufferedImage image, String name) throws Exception {
        Path file = tmp.resolve(name);
        assertThat(ImageIO.write(image, "png", file.toFile())).isTrue();
        return file;
    }

    /** A PNG with only IHDR (8-bit RGB of the given size) and IEND: structurally valid, no pixels. */
    @Test
    void aForgedHugeSizeIsRefusedBeforeDecoding() throws Exception {
        Path huge = Files.write(tmp.resolve("huge.png"), pngWithHeader(60000, 60000));
        assertThatThrownBy(() -> ImageLoader.load(huge)).isInstanceOf(ImageLoadException.class)
                .hasMessageStartingWith(huge + ": claims 60000x60000 pixels").hasMessageNotContaining("\n");
    }

    private static byte[] pngWithHeader(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
