package dev.trtpipe.cli;

import dev.trtpipe.detect.inputs.InputImage;
import dev.trtpipe.detect.report.ReportFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where {@code detect --out-dir DIR} writes each image's {@code .detections.json} and {@code .detections.png}: below
 * DIR at the image's place below the folder it was found in ({@code photos/2024/a.jpg} of {@code photos} →
 * {@code DIR/2024/a.detections.*}), so that same-named images of different subfolders keep their own reports. Decided
 * and checked before any model is loaded: two images that would still write the same report (same-named files named
 * one by one, or from two folders with the same subfolders) are refused in one line, never overwritten in turn; so is
 * a report that would overwrite an input.
 */
final class ReportTargets {

    /** {@code DIR/<subfolders>/<stem>} by image source (its path as given), the first place for an image named twice. */
    private final Map<String, Path> stems;

    private ReportTargets(Map<String, Path> stems) {
        this.stems = stems;
    }

    /**
     * @param otherInputs the model, weights and names files, which no report may overwrite either
     * @throws UsageException two images would write the same report, or a report is one of the inputs
     */
    static ReportTargets plan(Path outDir, List<InputImage> images, List<Path> otherInputs) throws UsageException {
        Map<String, Path> stems = new HashMap<>();
        Map<Path, InputImage> writers = new HashMap<>();
        for (InputImage image : images) {
            Path stem = ReportFiles.mirroredStem(outDir, image.relative());
            String source = image.file().toString();
            InputImage other = writers.putIfAbsent(stem.toAbsolutePath().normalize(), image);
            if (other != null && !other.file().toString().equals(source)) {
                throw new UsageException(other.file() + " and " + image.file() + " would both write " + stem
                        + ".detections.* in --out-dir; rename one, or name their common parent folder (with --recursive) so"
                        + " that their subfolders are mirrored, or run them separately");
            }
            stems.putIfAbsent(source, stem); // the same file named twice writes the same report twice: nothing is lost
        }
        List<Path> inputs = new ArrayList<>(images.stream().map(InputImage::file).toList());
        inputs.addAll(otherInputs);
        for (Path stem : stems.values()) {
            OutputGuard.refuseInputAsOutput(ReportFiles.jsonFor(stem), inputs, "the report");
            OutputGuard.refuseInputAsOutput(ReportFiles.pngFor(stem), inputs, "the report");
        }
        return new ReportTargets(stems);
    }

    Path json(String source) {
        return ReportFiles.jsonFor(stem(source));
    }

    Path png(String source) {
        return ReportFiles.pngFor(stem(source));
    }

    private Path stem(String source) {
        Path stem = stems.get(source);
        if (stem == null) {
            throw new IllegalStateException("no report planned for " + source); // every result comes from a planned image
        }
        return stem;
    }
}
