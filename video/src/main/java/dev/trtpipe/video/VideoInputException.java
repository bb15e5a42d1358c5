package dev.trtpipe.video;

import java.io.IOException;

/** A video input that cannot be used (missing, unreachable, no video stream, lost for good); the message says the fix. */
public class VideoInputException extends IOException {

    public VideoInputException(String message) {
        super(message);
    }

    public VideoInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
