package dev.trtpipe.detect.report;

import dev.trtpipe.detect.ClassNames;
import dev.trtpipe.detect.DetectionResult;
import dev.trtpipe.darknet.io.AtomicFile;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.PixelBox;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws detections the way darknet's {@code predictions.jpg} looks: a box per detection in the class's
 * darknet colour, line width 0.6 % of the image height, and a label ("dog 94%") on a filled tab of the
 * same colour above the box. Strongest detections are drawn last, so they stay on top.
 */
public final class DetectionPainter {

    /** darknet's {@code colors[6][3]} ramp (magenta, blue, cyan, green, yellow, red). */
    private static final float[][] RAMP = {{1, 0, 1}, {0, 0, 1}, {0, 1, 1}, {0, 1, 0}, {1, 1, 0}, {1, 0, 0}};

    private DetectionPainter() {
    }

    /** A copy of the image with the detections drawn on it. */
    public static BufferedImage paint(DetectionResult result, ClassNames names, int classes) {
        BufferedImage canvas = result.image().toBufferedImage();
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int h = canvas.getHeight();
            int line = Math.max(1, (int) (h * .006)); // darknet: int width = im.h * .006
            g.setStroke(new BasicStroke(line));
            boolean labels = useFont(g, Math.max(11, Math.round(h * 0.022f)));
            List<Detection> weakestFirst = new ArrayList<>(result.detections());
            weakestFirst.sort(Comparator.comparingDouble(Detection::probability));
            for (Detection d : weakestFirst) {
                drawOne(g, d, names, classes, line, canvas.getWidth(), labels);
            }
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /** Writes {@code <outDir>/<image stem>.detections.png} atomically; returns its path. */
    public static Path writePng(DetectionResult result, ClassNames names, int classes, Path outDir) throws IOException {
        Path file = ReportFiles.png(outDir, result.source());
        AtomicFile.write(file, pngWriter(result, names, classes));
        return file;
    }

    /** The annotated PNG's content, for {@link dev.trtpipe.darknet.io.AtomicFiles} with the JSON report. */
    public static AtomicFile.Writer pngWriter(DetectionResult result, ClassNames names, int classes) {
        BufferedImage painted = paint(result, names, classes);
        return temporary -> {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                if (!ImageIO.write(painted, "png", out)) {
                    throw new IOException("no PNG writer in this JDK");
                }
            } catch (javax.imageio.IIOException e) {
                // ImageIO says only "I/O error writing PNG file!"; the cause says why (a full disk, say)
                throw e.getCause() instanceof IOException cause ? cause : e;
            }
        };
    }

    /** darknet's class colour: {@code offset = class·123457 % classes}, then {@code get_color} on the ramp. */
    public static Color classColor(int classId, int classes) {
        int offset = classId * 123457 % classes;
        return new Color(ramp(2, offset, classes), ramp(1, offset, classes), ramp(0, offset, classes));
    }

    /** darknet's {@code get_color(c, x, max)} ({@code c}: 2 = red, 1 = green, 0 = blue). */
    private static float ramp(int c, int x, int max) {
        float ratio = ((float) x / max) * 5;
        int i = (int) Math.floor(ratio);
        int j = (int) Math.ceil(ratio);
        ratio -= i;
        return (1 - ratio) * RAMP[i][c] + ratio * RAMP[j][c];
    }

    /**
     * Sets the label font; false where the Java runtime has no font stack (a jlink'd runtime without
     * libfontmanager's libraries, as on minimal GPU hosts): boxes are still worth drawing there.
     */
    private static boolean useFont(Graphics2D g, int size) {
        try {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
            g.getFontMetrics();
            return true;
        } catch (LinkageError e) {
            return false;
        }
    }

    private static void drawOne(Graphics2D g, Detection d, ClassNames names, int classes, int line, int imageWidth,
                                boolean labels) {
        PixelBox b = d.pixels();
        Color color = classColor(d.classId(), classes);
        g.setColor(color);
        g.drawRect(b.left(), b.top(), b.width(), b.height());
        if (!labels) {
            return;
        }

        String label = String.format(Locale.ROOT, "%s %.0f%%", names.name(d.classId()), d.probability() * 100);
        FontMetrics fm = g.getFontMetrics();
        int pad = Math.max(2, line);
        int tabW = fm.stringWidth(label) + 2 * pad;
        int tabH = fm.getAscent() + fm.getDescent() + pad;
        int x = Math.max(0, Math.min(b.left() - line / 2, imageWidth - tabW));
        // above the box if it fits, else just inside its top edge
        int y = b.top() - tabH >= 0 ? b.top() - tabH : b.top();
        g.fillRect(x, y, tabW, tabH);
        g.setColor(luminance(color) > 0.5 ? Color.BLACK : Color.WHITE);
        g.drawString(label, x + pad, y + pad / 2 + fm.getAscent());
    }

    private static double luminance(Color c) {
        return (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue()) / 255;
    }
}
