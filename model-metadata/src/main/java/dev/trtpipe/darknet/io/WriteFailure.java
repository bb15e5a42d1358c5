package dev.trtpipe.darknet.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Rewrites an I/O failure of an atomic write so that it names the user's target, not our temporary, and
 * says "no space left" for a full disk. A failure that does not concern the temporary (the writer
 * reading a bad input, say) is passed on unchanged: its message already names the right file.
 */
final class WriteFailure {

    private WriteFailure() {
    }

    /** The exception to throw for {@code e}, raised while writing {@code temporary} for {@code target}. */
    static IOException of(IOException e, Path target, Path temporary) {
        if (isDiskFull(e)) {
            return new IOException("cannot write " + target + ": no space left on device; free some space or choose"
                    + " another output path (nothing was written)", e);
        }
        if (concerns(e, temporary)) {
            // the user never named the temporary: where a message quotes it, it means the target
            String reason = reason(e).replace(temporary.toString(), target.toString());
            return new IOException("cannot write " + target + ": " + reason + "; choose another output path", e);
        }
        return e;
    }

    /** The exception for a temporary that could not even be created: the target's directory refuses files. */
    static IOException ofCreation(IOException e, Path target) {
        if (isDiskFull(e)) {
            return of(e, target, null);
        }
        return new IOException("cannot write " + target + ": its directory " + target.getParent()
                + " does not accept new files (" + reason(e) + "); choose another output path", e);
    }

    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null) {
                String lower = m.toLowerCase(Locale.ROOT);
                if (lower.contains("no space left") || lower.contains("disk quota exceeded")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean concerns(IOException e, Path temporary) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            return f.getFile().equals(temporary.toString());
        }
        return e.getMessage() != null && e.getMessage().contains(temporary.getFileName().toString());
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            String kind = switch (f.getClass().getSimpleName()) {
                case "AccessDeniedException" -> "permission denied";
                case "NoSuchFileException" -> "no such file or directory";
                case "ReadOnlyFileSystemException" -> "read-only file system";
                default -> f.getReason();
            };
            return kind == null ? f.getClass().getSimpleName() : kind;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
