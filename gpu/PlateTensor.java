import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/**
 * Writes images as one float32 NCHW .npy batch, stretched to W×H, RGB, scaled by 1/255 — LPDNet's nvinfer
 * preprocessing — so that `trtpipe check --input input_1=plates.npy` compares engines on real photos
 * (on seeded noise LPDNet's coverage is ~1e-7 everywhere and relative L2 measures rounding noise).
 *   java gpu/PlateTensor.java OUT.npy WIDTH HEIGHT IMAGE...
 */
public class PlateTensor {
    public static void main(String[] a) throws Exception {
        int w = Integer.parseInt(a[1]), h = Integer.parseInt(a[2]), n = a.length - 3;
        ByteBuffer data = ByteBuffer.allocate(n * 3 * h * w * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            BufferedImage src = ImageIO.read(new File(a[3 + i]));
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, w, h, null);
            g.dispose();
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        data.putFloat(((img.getRGB(x, y) >> (16 - 8 * c)) & 0xff) / 255f);
                    }
                }
            }
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", 3, " + h + ", " + w + "), }";
        int pad = 64 - (10 + dict.length() + 1) % 64;
        String header = dict + " ".repeat(pad % 64) + "\n";
        try (DataOutputStream out = new DataOutputStream(new FileOutputStream(a[0]))) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            out.writeByte(header.length() & 0xff);
            out.writeByte(header.length() >> 8);
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            out.write(data.array());
        }
    }
}
