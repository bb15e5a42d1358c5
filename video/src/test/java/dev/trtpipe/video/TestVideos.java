package dev.trtpipe.video;

import dev.trtpipe.detect.testing.SharedRefs;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Short test videos made from darknet's {@code dog_decoded.png} (no file downloaded): frame {@code i} is the
 * dog, scaled to {@code width}×{@code height} and shifted {@code 3·i} pixels right, so every frame differs.
 */
public final class TestVideos {

    private TestVideos() {
    }

    public static BufferedImage frame(int i, int width, int height) {
        BufferedImage dog;
        try {
            dog = ImageIO.read(SharedRefs.resolve("images/dog_decoded.png").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(dog, 3 * i, 0, width, height, null);
        g.dispose();
        return out;
    }

    /** {@code frames} frames at {@code fps}, in the container the extension names, H.264 (or MPEG-4 for .avi/.ts). */
    public static Path write(Path file, int frames, double fps, int width, int height) throws IOException {
        String name = file.getFileName().toString();
        String format = name.endsWith(".ts") ? "mpegts" : VideoContainer.forFile(file).ffmpegFormat();
        int codec = name.endsWith(".avi") || name.endsWith(".ts") ? avcodec.AV_CODEC_ID_MPEG4 : avcodec.AV_CODEC_ID_H264;
        BufferedImage[] distinct = new BufferedImage[Math.min(frames, 8)];
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toString(), width, height, 0);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            r.setFormat(format);
            r.setVideoCodec(codec);
            r.setFrameRate(fps);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.setVideoBitrate(4 * width * height);
            r.setGopSize(4);
            r.start();
            for (int i = 0; i < frames; i++) {
                int k = i % distinct.length;
                if (distinct[k] == null) {
                    distinct[k] = frame(k, width, height);
                }
                r.record(converter.convert(distinct[k]), avutil.AV_PIX_FMT_BGR24);
            }
            r.stop();
        }
        return file;
    }

    /** An audio-only file: a second of silence in an .mp4 (AAC). */
    public static Path audioOnly(Path file) throws IOException {
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toString(), 1)) {
            r.setFormat("mp4");
            r.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            r.setSampleRate(16000);
            r.start();
            r.recordSamples(16000, 1, ShortBuffer.allocate(16000));
            r.stop();
        }
        return file;
    }
}
