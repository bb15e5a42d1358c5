package dev.trtpipe.trt;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.SettingNote;
import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.onnx.OnnxModelInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides the optimization-profile shape of every model input from the ONNX graph and the user's
 * {@code -p} / {@code --batch} options, before TensorRT is involved: a dynamic input without a profile,
 * a profile for an unknown input or one that contradicts a fixed dimension is reported with a
 * ready-to-paste {@code -p} line.
 */
final class ProfileResolver {

    /** Batch range proposed in the ready {@code -p} line for a dynamic batch dimension. */
    private static final long[] SUGGESTED_BATCH = {1, 4, 8};
    /** Darknet's usual network size, proposed for dynamic spatial dimensions when the model does not say. */
    private static final long SUGGESTED_SIDE = 416;

    /** Profiles for the dynamic inputs (and explicitly profiled static ones), plus notes for the user. */
    record Resolution(List<ShapeProfile> profiles, List<SettingNote> warnings) {
        Resolution {
            profiles = List.copyOf(profiles);
            warnings = List.copyOf(warnings);
        }

        ShapeProfile profileOf(String input) {
            return profiles.stream().filter(p -> p.inputName().equals(input)).findFirst().orElse(null);
        }
    }

    private ProfileResolver() {
    }

    static Resolution resolve(OnnxModelInfo model, BuildOptions options, String source) {
        Map<String, ShapeProfile> explicit = new LinkedHashMap<>();
        for (ShapeProfile p : options.profiles()) {
            TensorInfo input = model.input(p.inputName()).orElseThrow(() -> new SettingException(
                    source + ": {PROFILE} names input '" + p.inputName() + "', but the model's inputs are: "
                            + String.join(", ", model.inputs().stream().map(TensorInfo::name).toList())));
            checkAgainstModel(p, input, source);
            if (explicit.put(p.inputName(), p) != null) {
                throw new SettingException(source + ": input '" + p.inputName() + "' has two {SHAPE_PROFILE} profiles; give one");
            }
        }
        List<ShapeProfile> profiles = new ArrayList<>(explicit.values());
        List<SettingNote> warnings = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        boolean batchUsed = false;
        for (TensorInfo input : model.inputs()) {
            if (!input.isDynamic() || explicit.containsKey(input.name())) {
                continue;
            }
            if (options.batchRange().isPresent() && onlyBatchDynamic(input)) {
                BuildOptions.BatchRange b = options.batchRange().get();
                profiles.add(new ShapeProfile(input.name(), withBatch(input, b.min()), withBatch(input, b.opt()), withBatch(input, b.max())));
                batchUsed = true;
            } else {
                missing.add(input.name());
            }
        }
        if (!missing.isEmpty()) {
            List<String> lines = new ArrayList<>();
            for (String name : missing) {
                TensorInfo input = model.input(name).orElseThrow();
                lines.add("input '" + name + "' has dynamic dimensions " + dims(input.shape()) + " and needs an optimization profile: add {PROFILE} "
                        + suggestion(input, model.metadata()) + (onlyBatchDynamic(input) ? " (or {BATCH_PROFILE} 1:4:8)" : ""));
            }
            throw new SettingException(source + ": " + String.join("; ", lines));
        }
        if (options.batchRange().isPresent() && !batchUsed) {
            warnings.add(new SettingNote("{BATCH_PROFILE} ignored: no input of " + source + " has a dynamic batch dimension"
                    + " without a {SHAPE_PROFILE} profile"));
        }
        return new Resolution(profiles, warnings);
    }

    /** A {@code -p} value that fits {@code input}: fixed dimensions kept, dynamic ones filled in. */
    static String suggestion(TensorInfo input, Map<String, String> metadata) {
        long[] shape = input.shape();
        long[][] mom = new long[3][shape.length];
        long[] chw = networkInput(metadata);
        for (int i = 0; i < shape.length; i++) {
            for (int k = 0; k < 3; k++) {
                if (shape[i] > 0) {
                    mom[k][i] = shape[i];
                } else if (i == 0) {
                    mom[k][i] = SUGGESTED_BATCH[k];
                } else if (shape.length == 4 && chw != null) {
                    mom[k][i] = chw[i - 1];
                } else {
                    mom[k][i] = i == 1 && shape.length == 4 ? 3 : SUGGESTED_SIDE;
                }
            }
        }
        return new ShapeProfile(input.name(), mom[0], mom[1], mom[2]).toString();
    }

    private static void checkAgainstModel(ShapeProfile p, TensorInfo input, String source) {
        long[] shape = input.shape();
        if (p.min().length != shape.length) {
            throw new SettingException(source + ": {PROFILE} " + p + " has " + p.min().length + " dimensions, but input '"
                    + input.name() + "' has " + shape.length + " " + dims(shape) + "; use {PROFILE} " + suggestion(input, Map.of()));
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > 0 && (p.min()[i] != shape[i] || p.max()[i] != shape[i])) {
                throw new SettingException(source + ": {PROFILE} " + p + " varies dimension " + i + " of input '" + input.name()
                        + "', which the model fixes at " + shape[i] + " " + dims(shape) + "; keep it at " + shape[i]);
            }
        }
    }

    private static boolean onlyBatchDynamic(TensorInfo input) {
        long[] s = input.shape();
        for (int i = 1; i < s.length; i++) {
            if (s[i] < 0) {
                return false;
            }
        }
        return s.length > 0 && s[0] < 0;
    }

    private static long[] withBatch(TensorInfo input, long batch) {
        long[] s = input.shape();
        s[0] = batch;
        return s;
    }

    /** C, H, W from darknet metadata ({@code darknet.input = 3x416x416}), or null. */
    private static long[] networkInput(Map<String, String> metadata) {
        String v = metadata.get(DetectionSpec.KEY_PREFIX + "input");
        if (v == null) {
            return null;
        }
        try {
            long[] chw = Arrays.stream(v.split("x")).mapToLong(Long::parseLong).toArray();
            return chw.length == 3 ? chw : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String dims(long[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ",").append(shape[i] < 0 ? "?" : Long.toString(shape[i]));
        }
        return sb.append(']').toString();
    }
}
