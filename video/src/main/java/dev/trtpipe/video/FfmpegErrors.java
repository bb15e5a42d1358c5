package dev.trtpipe.video;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * FFmpeg's failures in words a user can act on. JavaCV reports them as {@code avformat_open_input() error
 * -875574520: Could not open input "…". (Has setFormat() been called?) (For more details, make sure
 * FFmpegLogCallback.set() has been called.)}: the number is FFmpeg's error code, which {@code av_strerror}
 * turns into what happened ({@code Server returned 404 Not Found}, {@code Connection refused}), and the hints
 * in parentheses are for JavaCV's programmers, not for someone running {@code detect}.
 */
final class FfmpegErrors {

    private static final Pattern CODE = Pattern.compile("^\\s*\\w+\\(\\) error (-?\\d+)");

    private FfmpegErrors() {
    }

    /** One line saying what went wrong. */
    static String describe(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        OptionalInt code = code(e);
        return code.isPresent() ? strerror(code.getAsInt()) : m.strip().replaceAll("\\s+", " ");
    }

    /** FFmpeg's error code (a negative errno, or a tag such as AVERROR_HTTP_NOT_FOUND) of a JavaCV exception. */
    static OptionalInt code(Throwable e) {
        Matcher c = CODE.matcher(String.valueOf(e.getMessage()));
        if (!c.find()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(c.group(1)));
        } catch (NumberFormatException tooLong) {
            return OptionalInt.empty();
        }
    }

    static String strerror(int code) {
        try (BytePointer text = new BytePointer(256)) {
            avutil.av_strerror(code, text, 256);
            String s = text.getString(StandardCharsets.UTF_8);
            int end = s.indexOf('\0'); // the buffer's whole capacity comes back, past the C string's end
            return (end >= 0 ? s.substring(0, end) : s).strip();
        }
    }
}
