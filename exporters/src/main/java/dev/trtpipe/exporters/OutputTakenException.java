package dev.trtpipe.exporters;

import dev.trtpipe.detect.SettingFact;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;

/**
 * An export target that is already there: a file (which the force option overwrites) or a directory (which
 * nothing overwrites: another output path is needed). Still a {@link FileAlreadyExistsException}, so callers
 * that catch that keep working; the setting that resolves it is a {@link SettingFact} placeholder.
 */
public final class OutputTakenException extends FileAlreadyExistsException implements SettingFact {

    private final String reason;

    private OutputTakenException(Path target, String reason) {
        super(target.toString(), null, SettingFact.words(reason));
        this.reason = reason;
    }

    static OutputTakenException existingFile(Path target) {
        return new OutputTakenException(target, "exists; pass {FORCE} to overwrite it");
    }

    static OutputTakenException directory(Path target) {
        return new OutputTakenException(target, "is a directory; choose another {OUTPUT}");
    }

    /** As {@link FileAlreadyExistsException#getMessage()} writes it: {@code file: reason}. */
    @Override
    public String fact() {
        return getFile() + ": " + reason;
    }
}
