package dev.trtpipe.etlt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A TensorRT INT8 calibration cache as tao-converter's {@code -c} reads it (docs/etlt.md §8): a header
 * line {@code TRT-<version>-<algorithm>}, then {@code <tensor>: <hex of the float32 scale>} per tensor.
 * Tensor names may themselves contain {@code ": "}-free colons ({@code softargmax:1}).
 *
 * @param header e.g. {@code TRT-8001-EntropyCalibration2} (the TensorRT version that wrote it, 8.0.1)
 * @param scales tensor name → scale; the dynamic range is {@code scale · 127}
 */
public record CalibrationCache(Path file, String header, Map<String, Float> scales) {

    private static final Pattern HEADER = Pattern.compile("TRT-\\d+-\\w+");
    private static final Pattern HEX_SCALE = Pattern.compile("[0-9a-fA-F]{8}");

    public CalibrationCache {
        scales = Collections.unmodifiableMap(new LinkedHashMap<>(scales));
    }

    public static CalibrationCache read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1); // \r\n is handled by readAllLines
        if (lines.isEmpty() || !HEADER.matcher(lines.get(0).strip()).matches()) {
            throw new IOException(file + " line 1: not a TensorRT calibration cache (expected a header like"
                    + " TRT-8001-EntropyCalibration2, found '" + (lines.isEmpty() ? "" : abbreviate(lines.get(0))) + "')");
        }
        Map<String, Float> scales = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.lastIndexOf(": ");
            String hex = colon < 0 ? "" : line.substring(colon + 2).strip();
            if (colon <= 0 || !HEX_SCALE.matcher(hex).matches()) {
                throw new IOException(file + " line " + (i + 1) + ": expected '<tensor name>: <8 hex digits>', found '"
                        + abbreviate(line) + "'");
            }
            scales.put(line.substring(0, colon), Float.intBitsToFloat(Integer.parseUnsignedInt(hex, 16)));
        }
        return new CalibrationCache(file, lines.get(0).strip(), scales);
    }

    /** The symmetric dynamic range TensorRT derives from a tensor's scale. */
    public float dynamicRange(String tensor) {
        Float scale = scales.get(tensor);
        if (scale == null) {
            throw new IllegalArgumentException(file + " has no entry for tensor '" + tensor + "'");
        }
        return scale * 127f;
    }

    /** How many of this cache's tensors the model has: a cache written for another export matches few. */
    public long countMatching(Set<String> tensorNames) {
        return scales.keySet().stream().filter(tensorNames::contains).count();
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
