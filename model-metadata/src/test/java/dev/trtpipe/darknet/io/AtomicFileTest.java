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

    @Test
    void aFullDiskNamesTheTargetAndSaysNoSpaceLeft() throws Exception {
        Path target = Files.writeString(dir.resolve("model.onnx"), "old");

        assertThatThrownBy(() -> AtomicFile.write(target, temporary -> {
            Files.writeString(temporary, "half");
            throw new java.nio.file.FileSystemException(temporary.toString(), null, "No space left on device");
        })).hasMessageStartingWith("cannot write " + target.toAbsolutePath() + ": no space left on device")
                .hasMessageNotContaining("trtpipe-tmp");

        assertThat(target).hasContent("old");
        assertThat(files()).containsExactly("model.onnx");
        assertThat(TemporaryFiles.live()).isEmpty();
    }

    @Test
    void aDirectoryThatRefusesFilesIsNamedWithTheTargetNotTheTemporary() throws Exception {
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        Path target = readOnly.resolve("model.onnx");
        Files.delete(readOnly);
        Files.writeString(readOnly, "a file where the directory should be");

        assertThatThrownBy(() -> AtomicFile.write(target, new byte[] {1}))
                .hasMessageStartingWith("cannot write " + target.toAbsolutePath())
                .hasMessageNotContaining("trtpipe-tmp");
    }

    @Test
    void aWritersMessageAboutTheTemporaryNamesTheTarget() throws Exception {
        Path target = dir.resolve("model.onnx");

        assertThatThrownBy(() -> AtomicFile.write(target, temporary -> {
            throw new IOException(temporary + " is not an ONNX model");
        })).hasMessage("cannot write " + target.toAbsolutePath() + ": " + target.toAbsolutePath()
                + " is not an ONNX model; choose another output path");
    }

    @Test
    void temporariesHaveARecognisableNameWithOurPid() throws Exception {
        Path target = dir.resolve("model.onnx");
        Path[] seen = new Path[1];

        AtomicFile.write(target, temporary -> {
            seen[0] = temporary;
            assertThat(TemporaryFiles.live()).contains(temporary);
            Files.write(temporary, new byte[] {1});
        });

        assertThat(seen[0].getFileName().toString())
                .startsWith(".model.onnx.trtpipe-tmp-" + ProcessHandle.current().pid() + "-");
        assertThat(TemporaryFiles.live()).doesNotContain(seen[0]);
    }

    @Test
    void theNextWriteRemovesLeftoversOfDeadProcessesButNotOfLiveOnes() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path stale = Files.writeString(dir.resolve(".model.onnx.trtpipe-tmp-" + dead.pid() + "-1"), "killed half way");
        long live = ProcessHandle.current().parent().orElseThrow().pid();
        Path inProgress = Files.writeString(dir.resolve(".model.onnx.trtpipe-tmp-" + live + "-7"), "another writer");
        Path otherTarget = Files.writeString(dir.resolve(".other.onnx.trtpipe-tmp-" + dead.pid() + "-1"), "not ours to judge");

        AtomicFile.write(dir.resolve("model.onnx"), new byte[] {1});

        assertThat(stale).doesNotExist();
        assertThat(inProgress).exists();
        assertThat(otherTarget).exists();
    }

    @Test
    void severalFilesAppearTogetherOrNotAtAll() throws Exception {
        Path config = dir.resolve("repo/yolo/config.pbtxt");
        Path model = dir.resolve("repo/yolo/1/model.onnx");

        assertThatThrownBy(() -> new AtomicFiles()
                .add(config, "config".getBytes())
                .add(model, temporary -> {
                    throw new java.nio.file.FileSystemException(temporary.toString(), null, "No space left on device");
                })
                .write()).hasMessageContaining("no space left");

        assertThat(config).doesNotExist();
        assertThat(model).doesNotExist();
        assertThat(TemporaryFiles.live()).isEmpty();

        assertThat(new AtomicFiles().add(config, "config".getBytes()).add(model, new byte[] {7}).write())
                .containsExactly(config, model);
        assertThat(config).hasContent("config");
        assertThat(model).hasBinaryContent(new byte[] {7});
    }

    private java.util.List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
