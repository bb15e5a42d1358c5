package dev.trtpipe.video;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code --video} names: a file, a network stream ({@code rtsp://}, {@code http(s)://}, …) or a V4L2
 * camera ({@code /dev/videoN}). Streams and cameras are live: they have no end worth waiting for, so a
 * lost connection is retried instead of ending the run.
 */
public record VideoSource(String spec, Kind kind) {

    public enum Kind { FILE, STREAM, CAMERA }

    private static final Pattern CAMERA = Pattern.compile("/dev/video\\d+");
    private static final Pattern URL = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://.+");

    public VideoSource {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * Classifies {@code spec}; a file or camera node that does not exist (or a {@code /dev/videoN} that is no device) is
     * reported here, before FFmpeg's vaguer message.
     */
    public static VideoSource parse(String spec) throws VideoInputException {
        if (CAMERA.matcher(spec).matches()) {
            CameraNode.check(Path.of(spec));
            return new VideoSource(spec, Kind.CAMERA);
        }
        if (URL.matcher(spec).matches()) {
            return new VideoSource(spec, Kind.STREAM);
        }
        Path file = Path.of(spec);
        if (CameraNode.isDevice(file)) { // a link such as /dev/v4l/by-id/usb-…-video-index0
            return new VideoSource(spec, Kind.CAMERA);
        }
        if (!Files.isRegularFile(file)) {
            throw new VideoInputException(spec + ": no such video file; give a file (mp4, mkv, avi, mov),"
                    + " an rtsp:// or http(s):// URL, or a camera /dev/videoN");
        }
        return new VideoSource(spec, Kind.FILE);
    }

    public boolean live() {
        return kind != Kind.FILE;
    }

    /** The URL scheme in lower case ({@code rtsp}, {@code http}, …), or empty for files and cameras. */
    public String scheme() {
        return kind == Kind.STREAM ? spec.substring(0, spec.indexOf("://")).toLowerCase(Locale.ROOT) : "";
    }

    @Override
    public String toString() {
        return spec;
    }
}
