package dev.trtpipe.darknet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void writesTheContentAndLeavesNothingElse() throws Exception {
        Path target = dir.resolve("model.plan");

        AtomicFile.write(target, new byte[] {1, 2, 3});

        assertThat(target).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(files()).containsExactly("model.plan");
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporary() throws Exception {
        Path target = Files.writeString(dir.resolve("report.json"), "old");

        assertThatThrownBy(() -> AtomicFile.write(target, temporary -> {
            Files.writeString(temporary, "half");
            throw new IOException("disk full");
        })).hasMessage("disk full");

        assertThat(target).hasContent("old");
        assertThat(files()).containsExactly("report.json");
    }

    @Test
    void replacesAnExistingFileAndCreatesMissingFolders() throws Exception {
        Path target = dir.resolve("repo/yolo/config.pbtxt");
        AtomicFile.write(target, "first".getBytes());

        AtomicFile.write(target, temporary -> Files.writeString(temporary, "second"));

        assertThat(target).hasContent("second");
    }

    /** Not owner-only: an engine or a report must be readable by whoever reads the user's other files. */
    @Test
    void theFileGetsTheUsersUsualPermissions() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path plain = Files.createFile(dir.resolve("plain"));
        Path target = dir.resolve("atomic");

        AtomicFile.write(target, new byte[] {0});

        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    private java.util.List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
