package dev.trtpipe.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rule of docs/architecture.md ("Library messages state facts"): a library's main source holds no string literal
 * that writes a command-line flag inside text ("pass --force to …"); a message names a setting as a
 * {@code SettingFact} placeholder and the command line writes the flag. A literal that is one flag word
 * ({@code "--precision"}, {@code "--fmad=false"}) is a word of a command line being built, and passes; the few
 * files that print or record whole command lines on purpose are listed below with the reason.
 */
class LibrarySourcesNameNoFlagsTest {

    /** Not libraries: the command line owns the flags, and the tools are its measuring engines. */
    private static final Set<String> APPLICATIONS = Set.of("cli", "tools", "bom");

    /** A flag written inside a literal: {@code --x} not preceded by a word character or a dash. */
    private static final Pattern FLAG_IN_TEXT = Pattern.compile("(?<![\\w-])--[a-z]");
    /** A literal that is one flag word, perhaps with its {@code =value}. */
    private static final Pattern FLAG_WORD = Pattern.compile("--[a-z][a-z0-9-]*(=\\S*)?");

    /** Files that write command lines on purpose, relative to the repository, with why. */
    private static final Map<String, String> PRINTED_COMMANDS = Map.of(
            "onnx-writer/src/main/java/dev/trtpipe/onnx/HeadDecodeEmitter.java",
            "the ONNX doc_string names the trtpipe mode that wrote the nodes; it is in the file, whose SHA-256 tests pin",
            "onnx-writer/src/main/java/dev/trtpipe/onnx/NmsGraph.java", "ONNX doc_string, as above",
            "onnx-writer/src/main/java/dev/trtpipe/onnx/EfficientNmsPluginPass.java", "ONNX doc_string, as above",
            "onnx-writer/src/main/java/dev/trtpipe/onnx/DecodeHeadsPass.java", "ONNX doc_string, as above",
            "video/src/main/java/dev/trtpipe/video/CameraNode.java", "v4l2-ctl's own flag, a Linux tool to run",
            "samples/src/main/java/dev/trtpipe/samples/yolov3/Yolov3Sample.java",
            "sample yolov3 narrates the trtpipe command lines it stands for",
            "samples/src/main/java/dev/trtpipe/samples/compare/Comparison.java",
            "compare's report is a walkthrough of trtpipe and tao-converter command lines",
            "samples/src/main/java/dev/trtpipe/samples/compare/ModelFacts.java", "compare's report, as above",
            "samples/src/main/java/dev/trtpipe/samples/compare/InferenceStep.java", "compare's report, as above",
            "samples/src/main/java/dev/trtpipe/samples/compare/TaoPath.java", "compare's report, as above");

    @Test
    void librarySourcesWriteNoFlagInsideText() throws IOException {
        Map<String, List<String>> found = flagsInText();

        Map<String, List<String>> unexpected = new TreeMap<>(found);
        unexpected.keySet().removeAll(PRINTED_COMMANDS.keySet());
        assertThat(unexpected).as("string literals that name a command-line flag in a library; state the fact with a"
                + " SettingFact placeholder ({FORCE}) and let the CLI's LibraryFacts write the flag").isEmpty();
        // an entry whose file no longer prints a command is stale: the list stays the exact set of exceptions
        assertThat(found.keySet()).as("files listed as printing commands").containsAll(PRINTED_COMMANDS.keySet());
    }

    @Test
    void theScanFindsAFlagInTextButNotAFlagWordNorComments() {
        assertThat(literalsWithFlags("""
                class X {
                    // a comment may say --force
                    /* and so may "--this one" */
                    String a = "exists; pass --force to overwrite it";
                    List<String> b = List.of("--precision", "--fmad=false", "fp16");
                    String c = "a \\" quoted --out \\" inside";
                    String d = "a long-option--not-a-flag and x--y";
                    char e = '"';
                    String f = \"""
                        text block with --batch 8
                        \""";
                }
                """)).satisfiesExactly(
                        a -> assertThat(a).isEqualTo("exists; pass --force to overwrite it"),
                        c -> assertThat(c).isEqualTo("a \\\" quoted --out \\\" inside"),
                        f -> assertThat(f).contains("text block with --batch 8"));
    }

    private static Map<String, List<String>> flagsInText() throws IOException {
        Map<String, List<String>> found = new TreeMap<>();
        for (String module : libraryModules()) {
            Path main = DarknetReference.REPO.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(main)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(main)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    List<String> hits = literalsWithFlags(Files.readString(file, StandardCharsets.UTF_8));
                    if (!hits.isEmpty()) {
                        found.put(DarknetReference.REPO.relativize(file).toString().replace('\\', '/'), hits);
                    }
                }
            }
        }
        return found;
    }

    /** The root pom's modules that are libraries. */
    private static Set<String> libraryModules() throws IOException {
        String pom = Files.readString(DarknetReference.REPO.resolve("pom.xml"), StandardCharsets.UTF_8);
        Set<String> modules = new TreeSet<>();
        var m = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        while (m.find()) {
            modules.add(m.group(1).strip());
        }
        modules.removeAll(APPLICATIONS);
        assertThat(modules).as("library modules in the root pom").contains("darknet-parser", "detect", "exporters", "video");
        return modules;
    }

    /** The string literals (text blocks included) of Java source {@code src} that write a flag inside text. */
    static List<String> literalsWithFlags(String src) {
        List<String> hits = new ArrayList<>();
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                i = endOf(src, "\n", i + 2);
            } else if (src.startsWith("/*", i)) {
                i = endOf(src, "*/", i + 2);
            } else if (src.startsWith("\"\"\"", i)) {
                int end = closing(src, "\"\"\"", i + 3);
                addIfFlagInText(src.substring(i + 3, end), hits);
                i = end + 3;
            } else if (c == '"' || c == '\'') {
                int end = closing(src, String.valueOf(c), i + 1);
                if (c == '"') {
                    addIfFlagInText(src.substring(i + 1, end), hits);
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return hits;
    }

    private static void addIfFlagInText(String literal, List<String> hits) {
        if (FLAG_IN_TEXT.matcher(literal).find() && !FLAG_WORD.matcher(literal).matches()) {
            hits.add(literal);
        }
    }

    /** The index after {@code end}, searching from {@code from}; the source's end when absent. */
    private static int endOf(String src, String end, int from) {
        int at = src.indexOf(end, from);
        return at < 0 ? src.length() : at + end.length();
    }

    /** The index of the unescaped {@code quote} that closes a literal opened before {@code from}. */
    private static int closing(String src, String quote, int from) {
        int i = from;
        while (i < src.length() && !src.startsWith(quote, i)) {
            i += src.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, src.length());
    }
}
