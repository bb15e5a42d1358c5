package dev.trtpipe.trt;

import dev.trtpipe.darknet.io.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TensorRT INT8 calibration cache, the text format tao-converter and TensorRT's calibrators read
 * and write: a header line {@code TRT-<version>-<algorithm>} (e.g. {@code TRT-8001-EntropyCalibration2}
 * for TensorRT 8.0.1), then one line per tensor {@code <name>: <8 hex digits>}, the hex being the
 * big-endian IEEE-754 bits of the tensor's scale ({@code dynamic range / 127}).
 *
 * @param version    the header's version field as written ({@code 8001}, {@code 100600})
 * @param algorithm  the calibrator that wrote it ({@code EntropyCalibration2}, {@code MinMaxCalibration}, …)
 * @param scales     per-tensor scales in file order
 */
public record CalibrationCache(String version, String algorithm, Map<String, Float> scales) {

    /** The algorithm trtpipe's calibrator ({@code IInt8EntropyCalibrator2}) writes and accepts. */
    public static final String ENTROPY_2 = "EntropyCalibration2";

    private static final Pattern HEADER = Pattern.compile("TRT-([0-9]+)-([A-Za-z0-9_]+)");
    private static final Pattern ENTRY = Pattern.compile("(.+): ([0-9A-Fa-f]{1,8})");

    public CalibrationCache {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(algorithm, "algorithm");
        scales = Collections.unmodifiableMap(new LinkedHashMap<>(scales));
    }

    /** Reads a cache file; the message of a format error names the file and line. */
    public static CalibrationCache read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * Parses cache bytes. Accepts {@code \n} and {@code \r\n} line ends and a missing final newline.
     *
     * @param source names the cache in error messages
     */
    public static CalibrationCache parse(byte[] bytes, String source) {
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r?\n", -1);
        Matcher header = HEADER.matcher(lines[0]);
        if (!header.matches()) {
            throw new IllegalArgumentException(source + ":1: not a TensorRT calibration cache (the first line should be "
                    + "like TRT-8001-EntropyCalibration2, got '" + abbreviate(lines[0]) + "')");
        }
        Map<String, Float> scales = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                if (i == lines.length - 1) {
                    break; // the final newline
                }
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": empty line inside a calibration cache");
            }
            Matcher m = ENTRY.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected '<tensor name>: <8 hex digits>', got '"
                        + abbreviate(line) + "'");
            }
            if (scales.put(m.group(1), Float.intBitsToFloat((int) Long.parseLong(m.group(2), 16))) != null) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": tensor '" + m.group(1) + "' appears twice");
            }
        }
        return new CalibrationCache(header.group(1), header.group(2), scales);
    }

    /** The header line, e.g. {@code TRT-8001-EntropyCalibration2}. */
    public String header() {
        return "TRT-" + version + "-" + algorithm;
    }

    /** The file form: header and one {@code name: hex} line per tensor, each ending in {@code \n}. */
    public byte[] toBytes() {
        StringBuilder sb = new StringBuilder(header()).append('\n');
        scales.forEach((name, scale) -> sb.append(name).append(": ")
                .append(String.format("%08x", Float.floatToRawIntBits(scale))).append('\n'));
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Writes {@link #toBytes()} atomically (temp file in the same folder, then rename). */
    public void write(Path file) throws IOException {
        AtomicFile.write(file, toBytes());
    }

    /** The symmetric dynamic range {@code [-r, r]} TensorRT derives for {@code tensor}: {@code scale * 127}. */
    public float dynamicRange(String tensor) {
        Float s = scales.get(tensor);
        if (s == null) {
            throw new IllegalArgumentException("calibration cache " + header() + " has no tensor '" + tensor + "'");
        }
        return s * 127f;
    }

    /** How many of {@code tensorNames} this cache has a scale for: a cache written for another model matches few. */
    public long matchingTensors(Set<String> tensorNames) {
        return scales.keySet().stream().filter(tensorNames::contains).count();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
