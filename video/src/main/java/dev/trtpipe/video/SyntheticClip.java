package dev.trtpipe.video;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A benchmark clip made from one still image, so that no video has to be downloaded: the image scaled to
 * the clip's size and panned a few pixels per frame (a still picture would let the encoder skip every
 * frame after the first, and the decoder with it). Eight pan positions are drawn once and cycled.
 */
public final class SyntheticClip {

    private static final int POSITIONS = 8;

    private SyntheticClip() {
    }

    /** Writes {@code frames} frames of {@code width}×{@code height} at {@code fps} to {@code file} in {@code container}. */
    public static void write(Path file, VideoContainer container, BufferedImage still, int width, int height, int frames, double fps)
            throws IOException {
        BufferedImage[] positions = new BufferedImage[POSITIONS];
        for (int p = 0; p < POSITIONS; p++) {
            positions[p] = panned(still, width, height, p * Math.max(1, width / 200));
        }
        try (VideoWriter writer = VideoWriter.open(file, container, width, height, fps)) {
            for (int i = 0; i < frames; i++) {
                writer.write(positions[i % POSITIONS]);
            }
        }
    }

    private static BufferedImage panned(BufferedImage still, int width, int height, int dx) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(still, dx, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
