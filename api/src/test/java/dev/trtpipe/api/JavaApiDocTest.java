package dev.trtpipe.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user guide's Java example is real: its one {@code ```java} block is compiled against the test class
 * path and run, as a user would, from a directory that has the repository's {@code models/} and
 * {@code images/}; what it prints must be AlexeyAB darknet's detections on {@code dog.jpg}.
 */
class JavaApiDocTest {

    /** The document whose example is tested: the README's "Java API" section, what users read first. */
    static final Path DOCUMENT = DarknetReference.REPO.resolve("README.md");

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS_NAME = Pattern.compile("public\\s+class\\s+(\\w+)");
    /** One line per detection: {@code dog 0.65 ImageBox[left=121, top=222, right=365, bottom=516]}. */
    private static final Pattern DETECTION = Pattern.compile(
            "(\\S+) (\\d+[.,]\\d+) ImageBox\\[left=(\\d+), top=(\\d+), right=(\\d+), bottom=(\\d+)]");

    @TempDir
    Path tmp;

    @Test
    void theExampleCompilesRunsAndFindsWhatDarknetFindsOnDogJpg() throws Exception {
        String source = onlyJavaBlock(Files.readString(DOCUMENT));
        Matcher name = CLASS_NAME.matcher(source);
        assertThat(name.find()).as("a public class in the example").isTrue();
        Path classes = compile(name.group(1), source);

        Path workDir = Files.createDirectories(tmp.resolve("work"));
        List<Path> links = List.of(workDir.resolve("models"), workDir.resolve("images"));
        List<String> lines;
        try {
            for (Path link : links) {
                Files.createSymbolicLink(link, DarknetReference.REPO.resolve(link.getFileName()).toAbsolutePath());
            }
            lines = run(name.group(1), classes, workDir);
        } finally {
            for (Path link : links) {
                Files.deleteIfExists(link); // the link, not the repository's folder
            }
        }

        assertThat(lines.get(0)).startsWith("wrote out/yolo-fastest-1.1.onnx, inputs [input 1x3x320x320], sha256 ");
        assertThat(workDir.resolve("out/yolo-fastest-1.1.onnx")).isNotEmptyFile();
        List<DetectedObject> printed = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            Matcher m = DETECTION.matcher(line);
            assertThat(m.matches()).as("a detection line: %s", line).isTrue();
            printed.add(new DetectedObject(-1, m.group(1), Float.parseFloat(m.group(2).replace(',', '.')),
                    new ImageBox(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                            Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)))));
        }
        // the example prints two decimals: the reference comparison allows 0.02, so 0.005 of rounding fits within it
        DarknetReference.assertMatchesDog(printed);
    }

    private static String onlyJavaBlock(String markdown) {
        Matcher m = JAVA_BLOCK.matcher(markdown);
        assertThat(m.find()).as("a ```java block in %s", DOCUMENT).isTrue();
        String block = m.group(1);
        assertThat(m.find()).as("only one ```java block in %s", DOCUMENT).isFalse();
        return block;
    }

    private Path compile(String className, String source) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Files.writeString(src.resolve(className + ".java"), source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("-proc:none", "-d", classes.toString(), "-classpath", testClassPath()), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                        .getJavaFileObjects(src.resolve(className + ".java").toFile())).call();
        assertThat(ok).as("javac: %s", diagnostics).isTrue();
        return classes;
    }

    /** Runs the example in its own JVM (its relative paths need their own working directory); its output lines. */
    private List<String> run(String className, Path classes, Path workDir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", classes + File.pathSeparator + testClassPath(), className)
                .directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().put("XDG_CACHE_HOME", tmp.resolve("xdg").toString()); // ONNX Runtime's cache, not $HOME's
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the example finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }

    /** Surefire may run tests through a manifest-only jar; it names the real class path in this property. */
    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
