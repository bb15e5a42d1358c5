package dev.trtpipe.darknet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGTERM (what Ctrl-C's SIGINT also does through the JVM's shutdown hooks) while
 * an atomic write is under way leaves neither the target nor a temporary; one killed with SIGKILL leaves
 * a temporary, which the next write of the same target removes.
 */
class SignalCleanupTest {

    @TempDir
    Path dir;

    /** Writes its first argument atomically and never finishes: the writer waits to be killed. */
    public static void main(String[] args) throws Exception {
        AtomicFile.write(Path.of(args[0]), temporary -> {
            Files.write(temporary, new byte[1 << 20]);
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void sigtermRemovesTheTemporary() throws Exception {
        Path target = dir.resolve("model.onnx");
        Process writer = startWriter(target);

        writer.destroy(); // SIGTERM
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(files()).isEmpty();
    }

    @Test
    void aSigkillLeftoverIsRemovedByTheNextWrite() throws Exception {
        Path target = dir.resolve("model.onnx");
        Process writer = startWriter(target);

        writer.destroyForcibly(); // SIGKILL: no hook runs
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(files()).singleElement().asString().startsWith(".model.onnx.trtpipe-tmp-" + writer.pid() + "-");

        AtomicFile.write(target, new byte[] {1});

        assertThat(files()).containsExactly("model.onnx");
    }

    private Process startWriter(Path target) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        assumeTrue(Files.isExecutable(java), "a java launcher");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                SignalCleanupTest.class.getName(), target.toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // wait until the temporary is being written
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        assertThat(line).isEqualTo("writing");
        return p;
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
