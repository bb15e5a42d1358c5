package dev.trtpipe.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The module rules of docs/architecture.md, read from the poms (compile and runtime scope; test-only
 * dependencies do not ship): what each room may hold and lean on, so that a move back cannot pass unnoticed.
 */
class ModuleRulesTest {

    /** Modules that are not libraries: the command line and the measuring tools over the libraries. */
    private static final Set<String> APPLICATIONS = Set.of("cli", "tools");

    private static Map<String, Module> modules;

    record Module(String directory, String artifactId, List<String> internal, List<String> external) {
    }

    @BeforeAll
    static void readPoms() throws Exception {
        Path root = DarknetReference.REPO;
        modules = new LinkedHashMap<>();
        for (String directory : childTexts(document(root.resolve("pom.xml")).getDocumentElement(), "modules", "module")) {
            if (directory.equals("bom")) {
                continue; // dependencyManagement only
            }
            Element project = document(root.resolve(directory).resolve("pom.xml")).getDocumentElement();
            List<String> internal = new ArrayList<>();
            List<String> external = new ArrayList<>();
            Element dependencies = child(project, "dependencies");
            for (Element dependency : dependencies == null ? List.<Element>of() : children(dependencies, "dependency")) {
                String scope = text(dependency, "scope");
                if ("test".equals(scope) || "test-jar".equals(text(dependency, "type"))) {
                    continue;
                }
                String groupId = text(dependency, "groupId");
                String artifactId = text(dependency, "artifactId");
                if (groupId.equals("dev.trtpipe")) {
                    internal.add(artifactId);
                } else {
                    external.add(groupId + ":" + artifactId);
                }
            }
            String artifactId = text(project, "artifactId");
            modules.put(artifactId, new Module(directory, artifactId, internal, external));
        }
        assertThat(modules).containsKeys("model-metadata", "etlt", "tao-converter", "tools", "exporters", "cli");
    }

    @Test
    void etltIsTheFormatOnlyWithoutTensorRt() {
        assertThat(closure("etlt")).doesNotContain("trt-builder", "detect", "tao-converter", "cli", "tools");
        for (String module : closure("etlt")) {
            assertThat(modules.get(module).external()).as("%s, which etlt depends on", module)
                    .noneMatch(id -> id.startsWith("org.bytedeco:"));
        }
    }

    @Test
    void librariesDoNotDependOnTheCommandLineOrTheTools() {
        for (String library : libraries()) {
            assertThat(closure(library)).as("what %s depends on", library).doesNotContainAnyElementsOf(APPLICATIONS);
        }
    }

    @Test
    void theMetadataContractStandsAlone() {
        assertThat(modules.get("model-metadata").internal()).isEmpty();
        assertThat(modules.get("model-metadata").external()).isEmpty();
        // running a converted model needs the contract, not the cfg parser
        assertThat(closure("detect")).contains("model-metadata").doesNotContain("darknet-parser", "onnx-writer");
        assertThat(closure("eval")).contains("model-metadata").doesNotContain("darknet-parser");
    }

    @Test
    void onlyTheCommandLineUsesTheToolsAndTheExporters() {
        for (Module module : modules.values()) {
            if (!module.artifactId().equals("cli")) {
                assertThat(module.internal()).as("%s's dependencies", module.artifactId()).doesNotContain("tools", "exporters");
            }
        }
    }

    @Test
    void benchmarksAndTheSelfTestLiveInTools() throws IOException {
        for (String library : libraries()) {
            Path main = DarknetReference.REPO.resolve(modules.get(library).directory()).resolve("src/main/java");
            if (!Files.isDirectory(main)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(main)) {
                assertThat(files.map(p -> main.relativize(p).toString().replace('\\', '/')))
                        .as("benchmark code in %s", library)
                        .noneMatch(p -> p.endsWith("Benchmark.java") || p.contains("/selftest/Gpu"));
            }
        }
    }

    private static List<String> libraries() {
        return modules.keySet().stream().filter(m -> !APPLICATIONS.contains(m)).toList();
    }

    /** Every trtpipe module {@code artifactId} reaches through compile and runtime dependencies. */
    private static Set<String> closure(String artifactId) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(modules.get(artifactId).internal());
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(modules.get(next).internal());
            }
        }
        return seen;
    }

    private static Document document(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static List<String> childTexts(Element parent, String list, String item) {
        return children(child(parent, list), item).stream().map(e -> e.getTextContent().strip()).toList();
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().strip();
    }
}
