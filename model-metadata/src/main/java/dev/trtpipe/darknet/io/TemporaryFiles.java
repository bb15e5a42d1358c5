package dev.trtpipe.darknet.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary files behind {@link AtomicFile} and {@link AtomicFiles}: named
 * {@code .NAME.trtpipe-tmp-PID-N} beside their target, so a user recognises them and the next write of
 * the same target can tell a dead process's leftover (SIGKILL, power loss) from a live writer's file.
 * Every live temporary is registered, and a shutdown hook deletes them, so SIGINT (Ctrl-C) and SIGTERM
 * leave nothing behind.
 */
public final class TemporaryFiles {

    private static final String MARKER = ".trtpipe-tmp-";
    private static final Pattern OURS = Pattern.compile("\\.(.+)" + Pattern.quote(MARKER) + "(\\d+)-(\\d+)");
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();
    private static volatile boolean hookInstalled;

    private TemporaryFiles() {
    }

    /** The next temporary name for {@code target} (absolute) in this process. */
    static Path nameFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + MARKER + PID + "-" + COUNTER.incrementAndGet());
    }

    /** Creates {@code temporary} and registers it for deletion at JVM shutdown. */
    static Path create(Path temporary) throws IOException {
        installHook();
        LIVE.add(temporary);
        try {
            // createFile, not createTempFile: the result gets the user's usual permissions, not owner-only
            return Files.createFile(temporary);
        } catch (IOException | RuntimeException e) {
            LIVE.remove(temporary);
            throw e;
        }
    }

    /** Deletes {@code temporary} if it is still there and forgets it. */
    static void release(Path temporary) throws IOException {
        try {
            Files.deleteIfExists(temporary);
        } finally {
            LIVE.remove(temporary);
        }
    }

    /** Forgets {@code temporary}, which has been renamed to its target. */
    static void moved(Path temporary) {
        LIVE.remove(temporary);
    }

    /** The temporaries this process holds now (tests check that none is left). */
    public static Set<Path> live() {
        return Set.copyOf(LIVE);
    }

    /**
     * Deletes leftovers of {@code target} (absolute) written by processes that no longer run. A leftover
     * of a live process is another writer's work in progress and stays.
     */
    static void removeStale(Path target) {
        Path directory = target.getParent();
        String name = target.getFileName().toString();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "." + globEscape(name) + MARKER + "*")) {
            for (Path entry : entries) {
                Optional<Long> pid = writerPid(entry.getFileName().toString(), name);
                if (pid.isPresent() && pid.get() != PID && ProcessHandle.of(pid.get()).map(p -> !p.isAlive()).orElse(true)) {
                    Files.deleteIfExists(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a directory we cannot list or a leftover we cannot delete must not stop the write
        }
    }

    /** The PID in a temporary's name when it is one of {@code target}'s, else empty. */
    static Optional<Long> writerPid(String fileName, String targetName) {
        Matcher m = OURS.matcher(fileName);
        if (!m.matches() || !m.group(1).equals(targetName)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(m.group(2)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String globEscape(String name) {
        return name.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    private static void installHook() {
        if (hookInstalled) {
            return;
        }
        synchronized (TemporaryFiles.class) {
            if (!hookInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(TemporaryFiles::deleteAll, "trtpipe-temporary-cleanup"));
                hookInstalled = true;
            }
        }
    }

    private static void deleteAll() {
        for (Path p : LIVE) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException | RuntimeException e) {
                // shutting down: nothing left to tell
            }
        }
    }
}
