package dev.trtpipe.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Encodes BGR images into a video file through FFmpeg. Writes wherever it is told, in the container it is
 * told: pair it with {@code AtomicFile} so that a failed run leaves no half-written video. Owns native
 * encoder state: close it (closing finishes the file).
 */
public final class VideoWriter implements AutoCloseable {

    private final FFmpegFrameRecorder recorder;
    private final Frame frame;
    private final int width;
    private final int height;
    private final String codecName;
    private long frames;

    private VideoWriter(FFmpegFrameRecorder recorder, int width, int height, String codecName) {
        this.recorder = recorder;
        this.width = width;
        this.height = height;
        this.codecName = codecName;
        this.frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
    }

    /**
     * Starts an encoder for {@code width}×{@code height} frames at {@code frameRate}, H.264 where the container
     * takes it and the encoder starts, else MPEG-4.
     */
    public static VideoWriter open(Path file, VideoContainer container, int width, int height, double frameRate)
            throws IOException {
        Ffmpeg.require();
        // the encoders need even sizes for 4:2:0 chroma
        int w = width & ~1;
        int h = height & ~1;
        double fps = frameRate > 0 && frameRate <= 1000 ? frameRate : 25;
        IOException failure = null;
        for (int codec : new int[] {container.preferredCodec(), avcodec.AV_CODEC_ID_MPEG4}) {
            FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toString(), w, h, 0);
            r.setFormat(container.ffmpegFormat());
            r.setVideoCodec(codec);
            r.setFrameRate(fps);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.setVideoQuality(codec == avcodec.AV_CODEC_ID_MPEG4 ? 4 : -1); // MPEG-4's qscale: 4 is visually clean
            r.setVideoBitrate(Math.max(1_000_000, (int) Math.min(Integer.MAX_VALUE, 4L * w * h)));
            r.setGopSize((int) Math.max(1, Math.round(fps * 2)));
            try {
                r.start();
                return new VideoWriter(r, w, h, codec == avcodec.AV_CODEC_ID_H264 ? "H.264" : "MPEG-4");
            } catch (Exception | LinkageError e) {
                failure = new IOException(file + ": FFmpeg cannot encode " + w + "x" + h + " video (" + e.getMessage() + ")", e);
                try {
                    r.release();
                } catch (Exception ignored) {
                    // the failure above is what matters
                }
            }
        }
        throw failure;
    }

    /** "H.264" or "MPEG-4". */
    public String codecName() {
        return codecName;
    }

    public long frames() {
        return frames;
    }

    /** Encodes one image; a larger image is cropped to the writer's size (odd sizes lose a pixel row/column). */
    public void write(BufferedImage image) throws IOException {
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR || image.getWidth() < width || image.getHeight() < height) {
            throw new IllegalArgumentException("expected a TYPE_3BYTE_BGR image of at least " + width + "x" + height);
        }
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        ByteBuffer dst = (ByteBuffer) frame.image[0];
        for (int y = 0; y < height; y++) {
            dst.position(y * frame.imageStride);
            dst.put(bgr, y * image.getWidth() * 3, width * 3);
        }
        dst.rewind();
        try {
            recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
        } catch (Exception e) {
            throw new IOException("FFmpeg failed to encode frame " + frames + ": " + e.getMessage(), e);
        }
        frames++;
    }

    /** Flushes the encoder and writes the container's index. */
    @Override
    public void close() throws IOException {
        try {
            recorder.stop();
        } catch (Exception e) {
            throw new IOException("FFmpeg failed to finish the video: " + e.getMessage(), e);
        } finally {
            try {
                recorder.release();
            } catch (Exception ignored) {
                // stop() already reported what went wrong
            }
            frame.close();
        }
    }
}
