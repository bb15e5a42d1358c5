package dev.trtpipe.video;

import static org.bytedeco.ffmpeg.global.avutil.av_frame_clone;

import dev.trtpipe.detect.SettingFact;
import java.time.Duration;
import java.util.Optional;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decoded frames of one {@link VideoSource}, in order, through FFmpeg. A frame that fails to decode or
 * convert is counted and skipped. A live source (stream, camera) that ends or errors is reopened up to
 * the {@link RetryPolicy}'s retries, with backoff; when they are spent the reader ends and
 * {@link #lostReason()} says why. A file that cannot be opened, or that has no video stream, fails at
 * {@link #open} with a one-line message.
 *
 * <p>Not thread-safe. Owns native FFmpeg state: close it.
 */
public final class VideoReader implements AutoCloseable {

    /** Above this a declared frame rate is a clock rate, not frames (high-speed cameras stay below). */
    private static final double MAX_PLAUSIBLE_RATE = 1000;

    /** A file whose decoder fails this many times in a row is damaged beyond skipping single frames. */
    private static final int MAX_CONSECUTIVE_FAILURES = 50;

    private final VideoSource source;
    private final RetryPolicy retries;
    private final Duration ioTimeout;
    private final RtspTransport rtspTransport;
    private FFmpegFrameGrabber grabber;
    /** Converts for {@link #next}, made on first use. */
    private FrameConverter converter;
    /** Of the last opened session: still known after the end, when the grabber is closed. */
    private double frameRate;
    private int width;
    private int height;
    private long nextIndex;
    private long corruptFrames;
    private long droppedFrames;
    /** Presentation time of the previous decoded frame of this session, or -1. */
    private long previousTimestampUs = -1;
    private int reconnects;
    private long timestampOffsetMs;
    private long lastTimestampMs;
    /** A live source was reopened: its next frame's timestamp is placed right after the last one. */
    private boolean rebaseOnNextFrame;
    private boolean anyDelivered;
    private SettingFact lost;
    private boolean ended;

    private VideoReader(VideoSource source, RetryPolicy retries, Duration ioTimeout, RtspTransport rtspTransport) {
        this.source = source;
        this.retries = retries;
        this.ioTimeout = ioTimeout;
        this.rtspTransport = rtspTransport;
    }

    /**
     * Opens {@code source}; a live source is retried per {@code retries} before giving up.
     *
     * @param ioTimeout how long a stream may stay silent before it counts as lost
     * @throws VideoInputException it cannot be opened or has no video stream; the message names the fix
     */
    public static VideoReader open(VideoSource source, RetryPolicy retries, Duration ioTimeout) throws VideoInputException {
        return open(source, retries, ioTimeout, RtspTransport.TCP);
    }

    /** As {@link #open(VideoSource, RetryPolicy, Duration)}, with RTP over {@code rtspTransport} for an {@code rtsp://} source. */
    public static VideoReader open(VideoSource source, RetryPolicy retries, Duration ioTimeout, RtspTransport rtspTransport)
            throws VideoInputException {
        Ffmpeg.require();
        if (source.kind() == VideoSource.Kind.CAMERA) {
            CameraNode.requireV4l2Input(source);
        }
        VideoReader reader = new VideoReader(source, retries, ioTimeout, rtspTransport);
        VideoInputException last = null;
        int attempts = source.live() ? retries.retries() + 1 : 1;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1 && !sleep(retries.backoff(attempt - 1))) {
                break;
            }
            try {
                reader.grabber = reader.start();
                return reader;
            } catch (VideoInputException e) {
                last = e;
                if (e instanceof NoVideoStreamException || e instanceof CameraNode.NotACameraException) {
                    break; // a stream without video will not grow one on retry, nor a file become a camera
                }
            }
        }
        throw last;
    }

    public VideoSource source() {
        return source;
    }

    /** Frames per second the container declares (0 when unknown, as for many live streams). */
    public double frameRate() {
        return frameRate;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /**
     * The next decoded frame, or empty at the end of a file or when a live source is lost for good
     * ({@link #lostReason()}).
     *
     * @param keepPixels false not to convert the pixels (for frames nobody looks at)
     */
    public Optional<VideoFrame> next(boolean keepPixels) {
        while (true) {
            Optional<Frame> frame = grab();
            if (frame.isEmpty()) {
                return Optional.empty();
            }
            long index = nextIndex++;
            int width = frame.get().imageWidth;
            int height = frame.get().imageHeight;
            if (!keepPixels) {
                return Optional.of(VideoFrame.withoutPixels(index, lastTimestampMs, width, height));
            }
            try {
                byte[] planes = new byte[Math.multiplyExact(3, Math.multiplyExact(width, height))];
                converter().convert((AVFrame) frame.get().opaque, planes);
                return Optional.of(new VideoFrame(index, lastTimestampMs, width, height, planes));
            } catch (IllegalArgumentException | ArithmeticException e) {
                corruptFrames++;
            }
        }
    }

    /**
     * The next decoded frame, its pixels left in the decoder's format for another thread to convert (see
     * {@link FramePipeline}); empty as for {@link #next}.
     *
     * @param keepPixels false not to keep a reference to the pixels
     */
    Optional<DecodedFrame> nextDecoded(boolean keepPixels) {
        Optional<Frame> frame = grab();
        if (frame.isEmpty()) {
            return Optional.empty();
        }
        AVFrame picture = keepPixels ? av_frame_clone((AVFrame) frame.get().opaque) : null;
        if (picture != null && picture.isNull()) {
            picture = null; // out of memory for the reference: the frame is lost like one that fails to convert
            corruptFrames++;
        }
        return Optional.of(new DecodedFrame(nextIndex++, lastTimestampMs, frame.get().imageWidth, frame.get().imageHeight, picture));
    }

    /**
     * Decodes up to the next undamaged frame and sets {@link #lastTimestampMs} to its time; the grabber's frame
     * is valid until the next grab and carries the decoded {@link AVFrame} in {@link Frame#opaque}.
     */
    private Optional<Frame> grab() {
        int failures = 0;
        while (!ended) {
            Frame frame;
            try {
                frame = grabber.grabImage();
            } catch (Exception e) {
                corruptFrames++;
                if (++failures >= MAX_CONSECUTIVE_FAILURES || source.live()) {
                    lostOrEnd(message(e));
                }
                continue;
            }
            if (frame == null) {
                lostOrEnd("the stream ended");
                continue;
            }
            failures = 0;
            countGap(frame.timestamp);
            if (!(frame.opaque instanceof AVFrame decoded) || DecodeErrors.flagged(decoded)) {
                // a frame FFmpeg could only conceal: counted and skipped, as a detection on smeared blocks is noise
                corruptFrames++;
                nextIndex++;
                continue;
            }
            lastTimestampMs = timestampMs(frame.timestamp / 1000);
            anyDelivered = true;
            return Optional.of(frame);
        }
        return Optional.empty();
    }

    private FrameConverter converter() {
        if (converter == null) {
            converter = new FrameConverter();
        }
        return converter;
    }

    /**
     * A file's frames keep the container's times. A live source's always increase: across a reconnect, whose clock
     * starts anywhere, and within a session, where FFmpeg's RTSP demuxer can place the first frames out of line (its
     * clock is anchored on the server's first RTCP sender report, which may lag the frames it describes): such a frame
     * is put 1 ms after the previous one.
     */
    private long timestampMs(long rawMs) {
        if (!source.live()) {
            return rawMs;
        }
        if (rebaseOnNextFrame) {
            rebaseOnNextFrame = false;
            timestampOffsetMs = lastTimestampMs + 1 - rawMs;
        }
        long t = timestampOffsetMs + rawMs;
        return anyDelivered ? Math.max(t, lastTimestampMs + 1) : t;
    }

    /** Frames that failed to decode or convert and were skipped. */
    public long corruptFrames() {
        return corruptFrames;
    }

    /**
     * Frames the source should have had but FFmpeg never delivered (lost packets, frames its decoder dropped),
     * estimated from gaps in the timestamps at the declared frame rate.
     */
    public long droppedFrames() {
        return droppedFrames;
    }

    private void countGap(long timestampUs) {
        if (previousTimestampUs >= 0 && frameRate > 0 && timestampUs > previousTimestampUs) {
            double frames = (timestampUs - previousTimestampUs) * frameRate / 1e6;
            if (frames > 1.5) {
                droppedFrames += Math.round(frames) - 1;
            }
        }
        previousTimestampUs = timestampUs;
    }

    /** Frames decoded so far (the next frame's index). */
    public long decodedFrames() {
        return nextIndex;
    }

    /** Times a lost live source was reopened successfully. */
    public int reconnects() {
        return reconnects;
    }

    /** Why a live source ended for good (retries spent), or empty if it did not. */
    public Optional<String> lostReason() {
        return lost().map(SettingFact::message);
    }

    /** {@link #lostReason()} as a fact that names the stream-retries setting, for a caller that words it itself. */
    public Optional<SettingFact> lost() {
        return Optional.ofNullable(lost);
    }

    /** A file ends; a live source is reopened, and only ends when the retries are spent. */
    private void lostOrEnd(String why) {
        closeGrabber();
        if (!source.live()) {
            ended = true;
            return;
        }
        String last = why;
        for (int attempt = 1; attempt <= retries.retries(); attempt++) {
            if (!sleep(retries.backoff(attempt))) {
                break;
            }
            try {
                grabber = start();
                reconnects++;
                // the new session's clock restarts anywhere: its first frame follows the last one seen
                rebaseOnNextFrame = true;
                previousTimestampUs = -1;
                return;
            } catch (VideoInputException e) {
                last = e.getMessage();
            }
        }
        ended = true;
        String fact = source + ": stream lost after " + nextIndex + " frames (" + why + "); "
                + retries.retries() + " reconnect attempt(s) failed (last: " + last + "); check the camera or server,"
                + " or raise {STREAM_RETRIES}";
        lost = () -> fact;
    }

    private FFmpegFrameGrabber start() throws VideoInputException {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(source.spec());
        String micros = Long.toString(ioTimeout.toNanos() / 1000);
        switch (source.kind()) {
            case CAMERA -> g.setFormat("v4l2");
            case STREAM -> {
                if (source.scheme().startsWith("rtsp")) {
                    g.setOption("rtsp_transport", rtspTransport.ffmpegName()); // TCP unless asked: RtspTransport says why
                    g.setOption("timeout", micros);
                } else {
                    g.setOption("rw_timeout", micros);
                }
            }
            case FILE -> { }
        }
        // the decoder's own pixel format, unconverted: the conversion to RGB (FrameConverter) runs where the pixels
        // are wanted, on the pipeline's workers, not on the one thread that decodes
        g.setImageMode(FrameGrabber.ImageMode.RAW);
        g.setVideoOption("threads", "auto"); // frame-threaded decoding: a 1080p H.264 stream needs several cores
        try {
            g.start();
        } catch (Exception | LinkageError e) {
            release(g);
            if (source.kind() == VideoSource.Kind.CAMERA) {
                Optional<VideoInputException> notACamera = CameraNode.notACaptureDevice(source, e);
                if (notACamera.isPresent()) {
                    throw notACamera.get();
                }
            }
            throw new VideoInputException(source + ": cannot open (" + message(e) + "); " + openFix(), e);
        }
        if (!g.hasVideo() || g.getImageWidth() <= 0) {
            release(g);
            throw new NoVideoStreamException(source + ": has no video stream (audio or data only?); give a file or"
                    + " stream with video (ffprobe lists its streams)");
        }
        frameRate = declaredRate(g.getFrameRate());
        width = g.getImageWidth();
        height = g.getImageHeight();
        return g;
    }

    /**
     * A stream that declares no frame rate reports its time base instead: 90000 for RTP (every RTSP stream whose
     * H.264 carries no timing), which would count every frame gap as thousands of dropped frames. Unknown is 0.
     */
    static double declaredRate(double rate) {
        return rate > 0 && rate <= MAX_PLAUSIBLE_RATE ? rate : 0;
    }

    private String openFix() {
        return switch (source.kind()) {
            case FILE -> "is it a video file FFmpeg can read (mp4, mkv, avi, mov)?";
            case STREAM -> "check that the URL is right and the server is up and reachable from here";
            case CAMERA -> "check that the camera is connected and you may read it (group 'video')";
        };
    }

    private static String message(Throwable e) {
        return FfmpegErrors.describe(e);
    }

    private static boolean sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void closeGrabber() {
        if (grabber != null) {
            release(grabber);
            grabber = null;
        }
    }

    private static void release(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (Exception e) {
            // closing a half-opened or broken stream: nothing left to save
        }
    }

    @Override
    public void close() {
        closeGrabber();
        if (converter != null) {
            converter.close();
            converter = null;
        }
        ended = true;
    }

    /** Retrying cannot help: the source opened but carries no video. */
    static final class NoVideoStreamException extends VideoInputException {
        NoVideoStreamException(String message) {
            super(message);
        }
    }
}
