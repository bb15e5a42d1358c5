package dev.trtpipe.video;

import dev.trtpipe.detect.SettingFact;
import java.io.IOException;

/**
 * A video input that cannot be used (missing, unreachable, no video stream, lost for good); the message says the fix,
 * a setting in it (the stream retries) named as a {@link SettingFact} placeholder.
 */
public class VideoInputException extends IOException implements SettingFact {

    private final String fact;

    public VideoInputException(String fact) {
        this(fact, null);
    }

    public VideoInputException(String fact, Throwable cause) {
        super(SettingFact.words(fact), cause);
        this.fact = fact;
    }

    /** A live source lost for good, as {@link VideoReader#lost()} states it. */
    public VideoInputException(SettingFact lost) {
        this(lost.fact());
    }

    @Override
    public String fact() {
        return fact;
    }
}
