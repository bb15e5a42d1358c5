package dev.trtpipe.cli;

import dev.trtpipe.detect.ClassNames;
import dev.trtpipe.detect.DetectionResult;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.PixelBox;
import java.util.Locale;

/** darknet's console listing ({@code dog: 94%}) with the pixel box and the stage times. */
final class DetectionTable {

    private DetectionTable() {
    }

    static String format(DetectionResult result, ClassNames names) {
        StringBuilder sb = new StringBuilder();
        int n = result.detections().size();
        sb.append(String.format(Locale.ROOT, "%s: %dx%d, %d detection%s%n", result.source(), result.width(),
                result.height(), n, n == 1 ? "" : "s"));
        int width = result.detections().stream().mapToInt(d -> names.name(d.classId()).length()).max().orElse(0) + 6;
        for (Detection d : result.detections()) {
            PixelBox b = d.pixels();
            String label = String.format(Locale.ROOT, "%s: %.0f%%", names.name(d.classId()), d.probability() * 100);
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s left %4d  top %4d  right %4d  bottom %4d%n",
                    label, b.left(), b.top(), b.right(), b.bottom()));
        }
        sb.append("  time: ").append(result.timings().describe()).append(System.lineSeparator());
        return sb.toString();
    }
}
