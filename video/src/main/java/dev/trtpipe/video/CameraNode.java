package dev.trtpipe.video;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.bytedeco.ffmpeg.global.avdevice;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.javacpp.Loader;

/**
 * V4L2 camera nodes ({@code /dev/video0}, or a link to one such as {@code /dev/v4l/by-id/usb-…-video-index0}),
 * checked before and after FFmpeg is asked: its own answers for a missing node or one that is no camera
 * ({@code No such file or directory}, {@code Inappropriate ioctl for device}) do not say what to do, and
 * retrying either for half a minute helps nobody.
 */
final class CameraNode {

    /** FFmpeg's v4l2 input on a node that is no video capture device: ENOTTY (the ioctls), ENODEV, EINVAL (its check). */
    private static final Set<Integer> NOT_A_CAPTURE_DEVICE = Set.of(-25, -19, -22);

    private static final String LIST_THEM = "'v4l2-ctl --list-devices' or 'ls /dev/video*' lists the cameras";

    private CameraNode() {
    }

    /** {@code S_IFMT} and {@code S_IFCHR} of {@code <sys/stat.h>}: the file type bits, and a character device's. */
    private static final int FILE_TYPE = 0170000;
    private static final int CHARACTER_DEVICE = 0020000;

    /**
     * A character device, following links: what a camera node is, and no video file can be (a named pipe, which
     * FFmpeg can read a stream from, is not one). Where the platform has no {@code unix:mode}, any special file.
     */
    static boolean isDevice(Path path) {
        try {
            return ((Integer) Files.getAttribute(path, "unix:mode") & FILE_TYPE) == CHARACTER_DEVICE;
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            try {
                return Files.readAttributes(path, BasicFileAttributes.class).isOther();
            } catch (IOException e) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** @throws VideoInputException {@code node} does not exist, or is a file or folder rather than a device */
    static void check(Path node) throws VideoInputException {
        if (!Files.exists(node)) {
            throw new NotACameraException(node + ": no such camera (the device node does not exist); plug the camera in,"
                    + " or name one that is there: " + LIST_THEM);
        }
        if (!isDevice(node)) {
            String kind = Files.isDirectory(node) ? "directory" : Files.isRegularFile(node) ? "regular file" : "special file";
            throw new NotACameraException(node + ": is a " + kind + ", not a camera device node; give a V4L2 camera such as /dev/video0 (" + LIST_THEM + ")");
        }
    }

    /**
     * @throws VideoInputException FFmpeg's camera input (libavdevice's v4l2) cannot load on this host, as where
     *     bytedeco's libavdevice misses a system library it links (PulseAudio's libpulse.so.0 on a server without
     *     sound), or in a jar built without it: FFmpeg would only say that it has no input format "v4l2"
     */
    static void requireV4l2Input(VideoSource source) throws VideoInputException {
        Optional<String> why = V4L2_UNAVAILABLE;
        if (why.isPresent()) {
            throw new NotACameraException(source + ": cannot read cameras: FFmpeg's camera input (libavdevice, v4l2) did not"
                    + " load here (" + why.get() + "); " + fix(why.get()));
        }
    }

    private static String fix(String why) {
        if (why.contains("libavfilter")) { // libavdevice links it; gpu/slim-jar.sh drops it as the grabber never loads it
            return "use a trtpipe jar that keeps FFmpeg's libavfilter (not gpu/slim-jar.sh's), or serve the camera as a stream";
        }
        return "install the missing system library" + (why.contains("libpulse") ? " (Debian/Ubuntu: apt-get install libpulse0)" : "")
                + ", or serve the camera as a stream (an RTSP server in front of it)";
    }

    /** Why the v4l2 input is missing, if it is; decided once, as loading is. */
    static final Optional<String> V4L2_UNAVAILABLE = v4l2Unavailable();

    private static Optional<String> v4l2Unavailable() {
        String why;
        try {
            Loader.load(avdevice.class);
            avdevice.avdevice_register_all();
            if (avformat.av_find_input_format("v4l2") != null) {
                return Optional.empty();
            }
            why = "this FFmpeg build has no v4l2 input";
        } catch (Throwable e) { // UnsatisfiedLinkError, or NoClassDefFoundError once the class failed to initialise
            why = rootMessage(e);
        }
        return Optional.of(why);
    }

    /** "libpulse.so.0: cannot open shared object file: …" out of the linkage error's chain. */
    private static String rootMessage(Throwable e) {
        String best = String.valueOf(e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            int so = m.indexOf(".so: ");
            if (so >= 0) {
                return m.substring(so + 5).strip(); // past the cached library's long path
            }
            best = m;
        }
        return best.strip();
    }

    /** The one line for a device FFmpeg's v4l2 input refused as no capture device, if that is why {@code e} happened. */
    static Optional<VideoInputException> notACaptureDevice(VideoSource source, Throwable e) {
        OptionalInt code = FfmpegErrors.code(e);
        if (code.isEmpty() || !NOT_A_CAPTURE_DEVICE.contains(code.getAsInt())) {
            return Optional.empty();
        }
        return Optional.of(new NotACameraException(source + ": is not a video capture device (V4L2 says: "
                + FfmpegErrors.strerror(code.getAsInt()) + "); give a camera node (" + LIST_THEM + ")"));
    }

    /** Retrying cannot help: there is no camera at that path. */
    static final class NotACameraException extends VideoInputException {
        NotACameraException(String message) {
            super(message);
        }
    }
}
