package dev.trtpipe.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GBRP;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_arrays;
import static org.bytedeco.ffmpeg.global.avutil.av_image_fill_linesizes;
import static org.bytedeco.ffmpeg.global.avutil.av_image_get_buffer_size;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Converts decoded frames (in the decoder's own pixel format, usually YUV 4:2:0) to R, G, B planes with
 * FFmpeg's swscale, exactly as JavaCV's grabber converts them when asked for {@code AV_PIX_FMT_GBRP}: the
 * same scaler flags ({@code SWS_BILINEAR}) and the same 64-byte aligned destination rows, so the pixels are
 * the ones {@code detect --video} always read. Running this outside the grabber is what lets the
 * conversion — the costliest per-frame step after decoding — run on the worker threads instead of the one
 * thread that decodes.
 *
 * <p>Not thread-safe: one per thread. Owns a scaler context and a frame-sized native buffer: close it.
 */
final class FrameConverter implements AutoCloseable {

    /** JavaCV's alignment of converted rows (it works around swscale trouble with unaligned rows). */
    private static final int ROW_ALIGNMENT = 64;

    private SwsContext scaler;
    private AVFrame gbrp;
    private BytePointer buffer;
    private PointerPointer<?> gbrpData;
    private int width;
    private int height;

    /**
     * Writes {@code decoded}'s pixels into {@code planes} (R plane, G plane, B plane, rows unpadded).
     *
     * @throws IllegalArgumentException swscale cannot convert the frame's pixel format, or {@code planes} has the wrong size
     */
    void convert(AVFrame decoded, byte[] planes) {
        int w = decoded.width();
        int h = decoded.height();
        if (w <= 0 || h <= 0 || planes.length != 3L * w * h) {
            throw new IllegalArgumentException("a " + w + "x" + h + " frame does not fit " + planes.length + " bytes of RGB planes");
        }
        if (w != width || h != height) {
            allocate(w, h);
        }
        scaler = sws_getCachedContext(scaler, w, h, decoded.format(), w, h, AV_PIX_FMT_GBRP, SWS_BILINEAR, null, null,
                (DoublePointer) null);
        if (scaler == null || scaler.isNull()) {
            scaler = null;
            BytePointer name = av_get_pix_fmt_name(decoded.format());
            throw new IllegalArgumentException("cannot convert frames of pixel format "
                    + (name == null || name.isNull() ? decoded.format() : name.getString()) + " to RGB");
        }
        // an AVFrame begins with its data[] pointers: FFmpeg's own idiom, as JavaCV converts
        sws_scale(scaler, new PointerPointer<>(decoded), decoded.linesize(), 0, h, gbrpData, gbrp.linesize());
        FramePixels.copyRgbPlanes(gbrp, w, h, planes);
    }

    /** A GBRP picture of {@code w}×{@code h} laid out as JavaCV's grabber lays out its converted picture. */
    private void allocate(int w, int h) {
        freePicture();
        gbrp = av_frame_alloc();
        if (gbrp == null || gbrp.isNull()) {
            throw new OutOfMemoryError("av_frame_alloc failed");
        }
        int stride = w;
        for (int i = 1; i <= ROW_ALIGNMENT; i += i) {
            stride = (w + (i - 1)) & ~(i - 1);
            av_image_fill_linesizes(gbrp.linesize(), AV_PIX_FMT_GBRP, stride);
            if ((gbrp.linesize(0) & (ROW_ALIGNMENT - 1)) == 0) {
                break;
            }
        }
        int size = av_image_get_buffer_size(AV_PIX_FMT_GBRP, stride, h, 1);
        buffer = new BytePointer(av_malloc(size)).capacity(size);
        if (buffer.isNull()) {
            buffer = null;
            throw new OutOfMemoryError("av_malloc(" + size + ") failed");
        }
        gbrpData = new PointerPointer<>(gbrp);
        av_image_fill_arrays(gbrpData, gbrp.linesize(), buffer, AV_PIX_FMT_GBRP, stride, h, 1);
        gbrp.format(AV_PIX_FMT_GBRP);
        gbrp.width(w);
        gbrp.height(h);
        width = w;
        height = h;
    }

    private void freePicture() {
        if (buffer != null) {
            av_free(buffer);
            buffer = null;
        }
        if (gbrp != null) {
            av_frame_free(gbrp);
            gbrp = null;
        }
        gbrpData = null;
        width = 0;
        height = 0;
    }

    @Override
    public void close() {
        freePicture();
        if (scaler != null) {
            sws_freeContext(scaler);
            scaler = null;
        }
    }
}
