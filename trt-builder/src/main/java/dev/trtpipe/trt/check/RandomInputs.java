package dev.trtpipe.trt.check;

import dev.trtpipe.detect.SettingException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Seeded random input tensors. Each input gets its own generator, seeded from the run's seed and the
 * input's name, so an input's values do not change when another input is added, removed or given as a file.
 */
public final class RandomInputs {

    private final long seed;

    public RandomInputs(long seed) {
        this.seed = seed;
    }

    public TensorData generate(String inputName, ElementType type, long[] shape, ValueRange range) {
        Random random = new Random(seed * 1_000_003L + fnv1a(inputName));
        double[] values = new double[Math.toIntExact(TensorData.volume(shape))];
        long lowInt = (long) Math.ceil(range.low());
        long span = (long) Math.floor(range.high()) - lowInt + 1;
        for (int i = 0; i < values.length; i++) {
            if (type.isFloatingPoint()) {
                values[i] = range.low() + random.nextDouble() * (range.high() - range.low());
            } else if (type == ElementType.BOOL) {
                values[i] = random.nextBoolean() ? 1 : 0;
            } else {
                if (span < 1) {
                    throw new SettingException("input '" + inputName + "' is " + type.onnxName() + " and the range "
                            + range.low() + "," + range.high() + " holds no integer; give {INPUT_RANGE} " + inputName + ":LOW,HIGH");
                }
                values[i] = lowInt + (long) (random.nextDouble() * span);
            }
        }
        return TensorData.of(type, shape, values);
    }

    /** A hash fixed by its definition (String.hashCode is too, but collides on short names more often). */
    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }
}
