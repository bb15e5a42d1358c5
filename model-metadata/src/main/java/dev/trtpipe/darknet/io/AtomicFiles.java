package dev.trtpipe.darknet.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Several files that belong together (a Triton repository entry, a DeepStream config directory, an
 * image's JSON and PNG report, an engine and its sidecar), written all or nothing: every file is first
 * written to its own temporary, and only when all of them succeeded are they renamed into place, one
 * rename each. A failure (a full disk, a writer's error) while writing leaves every target as it was.
 */
public final class AtomicFiles {

    private final Map<Path, AtomicFile.Writer> planned = new LinkedHashMap<>();
    private final Map<Path, Path> asGiven = new LinkedHashMap<>();

    /** Adds a file to write; a later {@code add} of the same target replaces the earlier one. */
    public AtomicFiles add(Path target, AtomicFile.Writer writer) {
        planned.put(target.toAbsolutePath(), writer);
        asGiven.put(target.toAbsolutePath(), target);
        return this;
    }

    public AtomicFiles add(Path target, byte[] content) {
        return add(target, temporary -> Files.write(temporary, content));
    }

    /** Writes every planned file; returns their paths as given, in the order they were added. */
    public List<Path> write() throws IOException {
        Map<Path, Path> temporaries = new LinkedHashMap<>();
        try {
            for (Map.Entry<Path, AtomicFile.Writer> e : planned.entrySet()) {
                temporaries.put(e.getKey(), AtomicFile.prepare(e.getKey(), e.getValue()));
            }
            for (Map.Entry<Path, Path> e : temporaries.entrySet()) {
                AtomicFile.commit(e.getValue(), e.getKey());
            }
        } finally {
            for (Path temporary : temporaries.values()) {
                TemporaryFiles.release(temporary);
            }
        }
        return new ArrayList<>(asGiven.values());
    }
}
