package dev.trtpipe.samples.compare;

import dev.trtpipe.darknet.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Writes {@code compare.md} and {@code compare.json}, each complete or not at all. */
public final class ComparisonFiles {

    public static final String MARKDOWN = "compare.md";
    public static final String JSON = "compare.json";

    private ComparisonFiles() {
    }

    public static List<Path> write(ComparisonReport report, Path directory) throws IOException {
        Path md = directory.resolve(MARKDOWN);
        Path json = directory.resolve(JSON);
        byte[] markdown = MarkdownReport.render(report).getBytes(StandardCharsets.UTF_8);
        byte[] jsonBytes = JsonReport.render(report).getBytes(StandardCharsets.UTF_8);
        AtomicFile.writeStream(md, out -> out.write(markdown));
        AtomicFile.writeStream(json, out -> out.write(jsonBytes));
        return List.of(md, json);
    }
}
