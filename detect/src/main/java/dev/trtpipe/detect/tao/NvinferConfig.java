package dev.trtpipe.detect.tao;

import dev.trtpipe.detect.SettingNote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DeepStream {@code nvinfer} config file ({@code config_infer_*.txt}: a GLib key file with a
 * {@code [property]} group and {@code [class-attrs-all]} / {@code [class-attrs-N]} groups), read into
 * a {@link TaoDetectionSpec}. Keys that only matter to DeepStream (gpu-id, batch-size, gie-unique-id, …)
 * are kept as {@link #otherKeys()}; model file keys ({@code onnx-file}, {@code tlt-encoded-model},
 * {@code tlt-model-key}, {@code int8-calib-file}, {@code model-engine-file}, …) are among them.
 *
 * <p>The label file ({@code labelfile-path}) is read relative to the config, as nvinfer does; a path
 * that does not exist (configs copied from another machine hold absolute paths) is looked for by its
 * file name beside the config, and otherwise reported in {@link #warnings()}. Detector label files
 * have one label per line; {@code ;}-separated labels on one line (classifier style) are split too.
 *
 * @param otherKeys  {@code [property]} keys detection does not use, with their values
 * @param notes      things the user should know (a missing label file), a setting that helps named as a
 *                   {@link SettingNote} placeholder
 */
public record NvinferConfig(Path file, TaoDetectionSpec spec, Map<String, String> otherKeys, List<SettingNote> notes) {

    /** The notes in the library's words. */
    public List<String> warnings() {
        return SettingNote.messages(notes);
    }

    /**
     * @throws IOException              the file cannot be read
     * @throws IllegalArgumentException a line is malformed or a value out of range: {@code file:line: what, fix}
     */
    public static NvinferConfig parse(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Utf8Lines.read(file, "nvinfer config");
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + ": no such nvinfer config file");
        }
        TaoDetectionSpec.Builder builder = new TaoDetectionSpec.Builder();
        Map<String, String> other = new LinkedHashMap<>();
        List<SettingNote> warnings = new ArrayList<>();
        String group = null;
        String labelFile = null;
        int labelLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = file + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw new IllegalArgumentException(where + ": malformed group header '" + line + "'; write [property] or [class-attrs-all]");
                }
                group = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(where + ": '" + line + "' is not key=value; nvinfer configs have one key=value per line");
            }
            if (group == null) {
                throw new IllegalArgumentException(where + ": key '" + line.substring(0, eq).strip()
                        + "' before any group; put it under [property]");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            try {
                boolean used = builder.set(group, key, value);
                if (!used && group.equals(TaoDetectionSpec.Builder.PROPERTY)) {
                    if (key.equals("labelfile-path")) {
                        labelFile = value;
                        labelLine = i + 1;
                    } else {
                        other.put(key, value);
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        if (labelFile != null) {
            Optional<Path> labels = findLabels(file, labelFile);
            if (labels.isPresent()) {
                builder.labels(readLabels(labels.get()));
            } else {
                warnings.add(new SettingNote(file + ":" + labelLine + ": label file " + labelFile + " not found (nor beside the"
                        + " config); classes are numbered, pass {CLASS_NAMES} to name them"));
            }
        }
        try {
            return new NvinferConfig(file, builder.build(), other, warnings);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public NvinferConfig {
        otherKeys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(otherKeys));
        notes = List.copyOf(notes);
    }

    /** A {@code [property]} key detection does not use, e.g. {@code onnx-file} or {@code tlt-model-key}. */
    public Optional<String> other(String key) {
        return Optional.ofNullable(otherKeys.get(key));
    }

    private static Optional<Path> findLabels(Path config, String labelFile) {
        Path dir = config.toAbsolutePath().getParent();
        Path named;
        try {
            named = dir.resolve(labelFile);
        } catch (InvalidPathException e) { // a NUL byte, say: no such file, which the caller's warning reports
            return Optional.empty();
        }
        if (Files.isRegularFile(named)) {
            return Optional.of(named);
        }
        Path name = Path.of(labelFile).getFileName(); // none for "/" or "": then there is nothing to look for beside
        Path beside = name == null ? null : dir.resolve(name);
        return beside != null && Files.isRegularFile(beside) ? Optional.of(beside) : Optional.empty();
    }

    private static List<String> readLabels(Path file) throws IOException {
        List<String> labels = new ArrayList<>();
        for (String line : Utf8Lines.read(file, "label file")) {
            for (String label : line.split(";")) {
                if (!label.isBlank()) {
                    labels.add(label.strip());
                }
            }
        }
        return labels;
    }
}
