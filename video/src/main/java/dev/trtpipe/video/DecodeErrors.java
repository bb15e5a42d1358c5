package dev.trtpipe.video;

import java.lang.reflect.Field;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Whether FFmpeg marked the frame just decoded as damaged ({@code AV_FRAME_FLAG_CORRUPT} or decode error
 * flags: missing references, concealed slices after packet loss). JavaCV hands out the converted picture and
 * keeps the decoded {@code AVFrame} in a private field, so it is read by reflection; where a JavaCV version
 * renames the field, damaged frames are simply not recognised (and still decoded as FFmpeg concealed them).
 */
final class DecodeErrors {

    /** libavutil/frame.h: {@code #define AV_FRAME_FLAG_CORRUPT (1 << 0)} (a macro the presets do not map). */
    private static final int AV_FRAME_FLAG_CORRUPT = 1;

    private static final Field DECODED = decodedField();

    private DecodeErrors() {
    }

    static boolean flagged(FFmpegFrameGrabber grabber) {
        if (DECODED == null) {
            return false;
        }
        try {
            AVFrame decoded = (AVFrame) DECODED.get(grabber);
            return decoded != null && !decoded.isNull()
                    && ((decoded.flags() & AV_FRAME_FLAG_CORRUPT) != 0 || decoded.decode_error_flags() != 0);
        } catch (IllegalAccessException | ClassCastException e) {
            return false;
        }
    }

    private static Field decodedField() {
        try {
            Field f = FFmpegFrameGrabber.class.getDeclaredField("picture");
            if (!AVFrame.class.isAssignableFrom(f.getType())) {
                return null;
            }
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException | RuntimeException e) {
            return null;
        }
    }
}
