package dev.trtpipe.detect.report;

import java.nio.file.Path;

/** Names of the files written for one image: {@code <image name without extension>.detections.<ext>}. */
public final class ReportFiles {

    private ReportFiles() {
    }

    public static String stem(String imageSource) {
        String name = Path.of(imageSource).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    public static Path json(Path outDir, String imageSource) {
        return outDir.resolve(stem(imageSource) + ".detections.json");
    }

    public static Path png(Path outDir, String imageSource) {
        return outDir.resolve(stem(imageSource) + ".detections.png");
    }
}
