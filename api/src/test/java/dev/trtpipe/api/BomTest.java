package dev.trtpipe.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The BOM lists every module the root pom builds (except itself and the parent), at the project's version. */
class BomTest {

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    /** A module's own artifactId: the first one after its parent block. */
    private static final Pattern OWN_ARTIFACT = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>");
    private static final Pattern BOM_ENTRY = Pattern.compile(
            "<groupId>dev\\.trtpipe</groupId><artifactId>([^<]+)</artifactId><version>\\$\\{project\\.version}</version>");

    @Test
    void everyModuleOfTheRootPomIsInTheBom() throws Exception {
        Path root = DarknetReference.REPO;
        String bom = Files.readString(root.resolve("bom/pom.xml"));
        List<String> listed = all(BOM_ENTRY.matcher(bom));

        List<String> modules = all(MODULE.matcher(Files.readString(root.resolve("pom.xml"))));
        assertThat(modules).contains("api", "bom");
        for (String module : modules) {
            if (module.equals("bom")) {
                continue;
            }
            Matcher own = OWN_ARTIFACT.matcher(Files.readString(root.resolve(module).resolve("pom.xml")));
            assertThat(own.find()).as("artifactId of %s", module).isTrue();
            assertThat(listed).as("bom/pom.xml").contains(own.group(1));
        }
        assertThat(bom).contains("<version>" + projectVersion(root) + "</version>");
    }

    private static String projectVersion(Path root) throws Exception {
        Matcher m = Pattern.compile("<artifactId>trtpipe-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(root.resolve("pom.xml")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static List<String> all(Matcher m) {
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
