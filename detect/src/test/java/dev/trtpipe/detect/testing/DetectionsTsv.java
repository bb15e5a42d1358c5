package dev.trtpipe.detect.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** darknet's {@code detections.tsv} (references.md §2.4). */
public final class DetectionsTsv {

    /** One row: a (box, class) pair as darknet reported it. */
    public record Row(int classId, String className, float prob, float objectness,
                      int left, int top, int right, int bottom) {
    }

    private DetectionsTsv() {
    }

    public static List<Row> read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            List<Row> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                rows.add(new Row(Integer.parseInt(f[0]), f[1], Float.parseFloat(f[2]), Float.parseFloat(f[3]),
                        Integer.parseInt(f[8]), Integer.parseInt(f[9]), Integer.parseInt(f[10]), Integer.parseInt(f[11])));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
