package dev.trtpipe.trt.check;

import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.TensorInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The concrete shape each input is checked at. A shape given for an input ({@code --shapes}, or the
 * shape of its {@code --input} file) wins; otherwise a dynamic dimension takes the engine's opt shape
 * when there is one, and a dynamic batch (first dimension) is the batch given for another input, else 1.
 * Any other dynamic dimension must be given.
 */
public final class InputShapes {

    private InputShapes() {
    }

    /**
     * @param given shapes the user fixed, by input name
     * @param opt   the engine's opt shapes, by input name (empty for an ONNX-only check)
     */
    public static Map<String, long[]> resolve(List<TensorInfo> inputs, Map<String, long[]> given, Map<String, long[]> opt) {
        for (String name : given.keySet()) {
            if (inputs.stream().noneMatch(i -> i.name().equals(name))) {
                throw new IllegalArgumentException("the model has no input '" + name + "'; its inputs are "
                        + inputs.stream().map(TensorInfo::name).toList());
            }
        }
        // inputs that share a dynamic batch take the batch given for one of them (features:4x16 makes token_ids 4x..)
        long batch = inputs.stream().filter(i -> given.containsKey(i.name()) && i.shape().length > 0 && i.shape()[0] < 0)
                .mapToLong(i -> given.get(i.name())[0]).findFirst().orElse(1);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (TensorInfo in : inputs) {
            long[] declared = in.shape();
            long[] shape = given.containsKey(in.name()) ? fits(in, given.get(in.name())) : defaulted(in, declared, opt.get(in.name()), batch);
            shapes.put(in.name(), shape);
        }
        return shapes;
    }

    /** Parses {@code name:1x3x224x224}. */
    public static Map.Entry<String, long[]> parse(String spec) {
        int colon = spec.lastIndexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("shape '" + spec + "' must be name:DIMS, e.g. images:1x3x224x224");
        }
        String dims = spec.substring(colon + 1).trim();
        try {
            long[] shape = dims.equals("scalar") ? new long[0] : Arrays.stream(dims.split("x")).mapToLong(d -> Long.parseLong(d.trim())).toArray();
            if (Arrays.stream(shape).anyMatch(d -> d < 0)) {
                throw new NumberFormatException();
            }
            return Map.entry(spec.substring(0, colon).trim(), shape);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("shape '" + spec + "' must be name:DIMS with non-negative integers, e.g. images:1x3x224x224");
        }
    }

    private static long[] fits(TensorInfo in, long[] shape) {
        long[] declared = in.shape();
        boolean fits = declared.length == shape.length;
        for (int i = 0; fits && i < shape.length; i++) {
            fits = declared[i] < 0 || declared[i] == shape[i];
        }
        if (!fits) {
            throw new IllegalArgumentException("input '" + in.name() + "' is " + TensorData.format(declared) + " in the model; "
                    + TensorData.format(shape) + " does not fit it (only its ? dimensions may be chosen)");
        }
        return shape.clone();
    }

    private static long[] defaulted(TensorInfo in, long[] declared, long[] opt, long batch) {
        if (opt != null && opt.length == declared.length) {
            return fits(in, opt);
        }
        long[] shape = declared.clone();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                if (i != 0) {
                    throw new SettingException("input '" + in.name() + "' is " + TensorData.format(declared)
                            + " with a dynamic dimension " + i + "; give its shape, e.g. {INPUT_SHAPE} " + in.name() + ":"
                            + TensorData.format(example(declared)));
                }
                shape[i] = batch;
            }
        }
        return shape;
    }

    private static long[] example(long[] declared) {
        return Arrays.stream(declared).map(d -> d < 0 ? 1 : d).toArray();
    }
}
