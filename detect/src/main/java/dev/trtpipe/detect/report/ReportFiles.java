package dev.trtpipe.detect.report;

import java.nio.file.Path;

/**
 * Names of the files written for one image: {@code <image name without extension>.detections.<ext>}, in the output
 * folder, or in the subfolder that mirrors the image's place below its input folder ({@link #mirroredStem}).
 */
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

    /**
     * The reports of an image at {@code relative} below its input folder, in the same subfolder below {@code outDir}:
     * {@code <outDir>/<relative's folder>/<stem>}, to which {@code .detections.json}/{@code .detections.png} are added.
     */
    public static Path mirroredStem(Path outDir, Path relative) {
        Path folder = relative.getParent();
        String stem = stem(relative.toString());
        return folder == null ? outDir.resolve(stem) : outDir.resolve(folder).resolve(stem);
    }

    public static Path jsonFor(Path mirroredStem) {
        return mirroredStem.resolveSibling(mirroredStem.getFileName() + ".detections.json");
    }

    public static Path pngFor(Path mirroredStem) {
        return mirroredStem.resolveSibling(mirroredStem.getFileName() + ".detections.png");
    }
}
