package dev.trtpipe.video;

import org.bytedeco.ffmpeg.global.avutil;

/**
 * Loads FFmpeg's natives once, and keeps FFmpeg quiet: its warnings (concealed slices, missing references)
 * and the stream dumps it prints on opening would interleave with stderr's summary and progress line; what
 * matters is counted and reported by the reader and the writer instead. A jar built without the natives
 * ({@code NO_VIDEO=1 gpu/slim-jar.sh}) gets one line saying so instead of a linkage error.
 */
final class Ffmpeg {

    private static final String MISSING;

    static {
        String missing = null;
        try {
            avutil.av_log_set_level(avutil.AV_LOG_QUIET);
        } catch (LinkageError e) {
            // "no jniavutil in java.library.path: <a long path list>": the library's name is what helps
            String m = String.valueOf(e.getMessage());
            missing = m.contains(" in java.library.path") ? m.substring(0, m.indexOf(" in java.library.path")) : e.getClass().getSimpleName();
        }
        MISSING = missing;
    }

    private Ffmpeg() {
    }

    /** @throws VideoInputException FFmpeg's natives for this platform are not in this build */
    static void require() throws VideoInputException {
        if (MISSING != null) {
            throw new VideoInputException("video needs FFmpeg's native libraries for " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch") + ", which this trtpipe jar lacks (" + MISSING + "); use a jar built with"
                    + " video (gpu/slim-jar.sh without NO_VIDEO=1)");
        }
    }
}
