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

import dev.trtpipe.detect.preprocess.PixelMemory;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
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

    /** GBRP destination pointers and row sizes for converting straight into an image's planes. */
    private final PointerPointer<BytePointer> directData = new PointerPointer<>(4);
    private final IntPointer directLinesize = new IntPointer(4);
    private long directFrames;

    /**
     * Writes {@code decoded}'s pixels into {@code planes} (R plane, G plane, B plane, rows unpadded).
     *
     * @throws IllegalArgumentException swscale cannot convert the frame's pixel format, or {@code planes} has the wrong size
     */
    void convert(AVFrame decoded, byte[] planes) {
        checkSize(decoded, planes.length);
        convertInto(decoded, ByteBuffer.wrap(planes));
    }

    /**
     * {@code decoded}'s pixels as an image in a block of {@code memory}. Where the block is native memory and
     * the frame's rows need no padding, swscale writes the image's own planes (no copy at all: with pinned
     * memory the GPU then reads them by DMA); otherwise it converts into this converter's aligned picture and
     * the planes are copied once into the block. The pixels are the same either way.
     *
     * @throws IllegalArgumentException swscale cannot convert the frame's pixel format
     */
    RgbImage convert(AVFrame decoded, PixelMemory memory) {
        checkSize(decoded, 3L * decoded.width() * decoded.height());
        return RgbImage.writtenIn(memory, decoded.width(), decoded.height(), planes -> convertInto(decoded, planes));
    }

    /** Frames converted straight into their image's planes so far (for tests and profiles). */
    long directFrames() {
        return directFrames;
    }

    private static void checkSize(AVFrame decoded, long bytes) {
        int w = decoded.width();
        int h = decoded.height();
        if (w <= 0 || h <= 0 || bytes != 3L * w * h) {
            throw new IllegalArgumentException("a " + w + "x" + h + " frame does not fit " + bytes + " bytes of RGB planes");
        }
    }

    private void convertInto(AVFrame decoded, ByteBuffer planes) {
        int w = decoded.width();
        int h = decoded.height();
        scaler = sws_getCachedContext(scaler, w, h, decoded.format(), w, h, AV_PIX_FMT_GBRP, SWS_BILINEAR, null, null,
                (DoublePointer) null);
        if (scaler == null || scaler.isNull()) {
            scaler = null;
            BytePointer name = av_get_pix_fmt_name(decoded.format());
            throw new IllegalArgumentException("cannot convert frames of pixel format "
                    + (name == null || name.isNull() ? decoded.format() : name.getString()) + " to RGB");
        }
        // an AVFrame begins with its data[] pointers: FFmpeg's own idiom, as JavaCV converts
        PointerPointer<?> source = new PointerPointer<>(decoded);
        if (writesInPlace(planes, w)) {
            int plane = w * h;
            // GBRP's planes are G, B, R: the image's R plane is at 0, G at one plane, B at two
            for (int c = 0; c < 3; c++) {
                directData.put(FramePixels.PLANE_OF[c], new BytePointer(planes.duplicate().position(c * plane).slice()));
                directLinesize.put(FramePixels.PLANE_OF[c], w);
            }
            directData.put(3, (BytePointer) null);
            directLinesize.put(3, 0);
            sws_scale(scaler, source, decoded.linesize(), 0, h, directData, directLinesize);
            directFrames++;
            return;
        }
        if (w != width || h != height) {
            allocate(w, h);
        }
        sws_scale(scaler, source, decoded.linesize(), 0, h, gbrpData, gbrp.linesize());
        FramePixels.copyRgbPlanes(gbrp, w, h, planes);
    }

    /**
     * Whether swscale may write {@code planes} itself and give the pixels the aligned picture would: native
     * memory, rows of a multiple of {@value #ROW_ALIGNMENT} bytes (the aligned picture's rows are then unpadded
     * too, and each plane starts aligned). At other widths swscale's last columns depend on the destination
     * (see docs/video.md), so those frames keep the aligned picture and the copy.
     */
    private static boolean writesInPlace(ByteBuffer planes, int w) {
        return planes.isDirect() && w % ROW_ALIGNMENT == 0 && new BytePointer(planes).address() % ROW_ALIGNMENT == 0;
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
        directData.close();
        directLinesize.close();
    }
}
