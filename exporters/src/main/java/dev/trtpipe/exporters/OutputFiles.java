package dev.trtpipe.exporters;

import dev.trtpipe.darknet.io.AtomicFile;
import dev.trtpipe.darknet.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files one export writes, written together: every target is checked before the first is written
 * (so a refused overwrite leaves nothing half-exported), and all are written together with {@link AtomicFiles}
 * (a full disk leaves none of them).
 */
final class OutputFiles {

    private final Map<Path, AtomicFile.Writer> planned = new LinkedHashMap<>();

    OutputFiles text(Path target, String text) {
        planned.put(target, file -> Files.writeString(file, text, StandardCharsets.UTF_8));
        return this;
    }

    OutputFiles copyOf(Path target, Path source) {
        planned.put(target, file -> Files.copy(source, file, StandardCopyOption.REPLACE_EXISTING));
        return this;
    }

    /**
     * @param force overwrite existing targets
     * @return the written files, in the order they were planned
     * @throws OutputTakenException for the first existing target when {@code force} is off, or one that is a directory
     */
    List<Path> write(boolean force) throws IOException {
        for (Path target : planned.keySet()) {
            if (Files.isDirectory(target)) {
                throw OutputTakenException.directory(target);
            }
            if (!force && Files.exists(target)) {
                throw OutputTakenException.existingFile(target);
            }
        }
        AtomicFiles files = new AtomicFiles();
        planned.forEach(files::add);
        return files.write();
    }
}
