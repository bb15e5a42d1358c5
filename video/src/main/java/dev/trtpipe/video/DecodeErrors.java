package dev.trtpipe.video;

import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Whether FFmpeg marked a decoded frame as damaged ({@code AV_FRAME_FLAG_CORRUPT} or decode error flags:
 * missing references, concealed slices after packet loss).
 */
final class DecodeErrors {

    /** libavutil/frame.h: {@code #define AV_FRAME_FLAG_CORRUPT (1 << 0)} (a macro the presets do not map). */
    private static final int AV_FRAME_FLAG_CORRUPT = 1;

    private DecodeErrors() {
    }

    static boolean flagged(AVFrame decoded) {
        return decoded != null && !decoded.isNull()
                && ((decoded.flags() & AV_FRAME_FLAG_CORRUPT) != 0 || decoded.decode_error_flags() != 0);
    }
}
