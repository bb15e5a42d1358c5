package dev.trtpipe.detect.tao;

import java.util.ArrayList;
import java.util.List;

/** Parsing of nvinfer's value syntax: numbers, 0/1 booleans and {@code ;}-separated lists. */
final class NvinferValues {

    private NvinferValues() {
    }

    static float number(String key, String value) {
        try {
            float f = Float.parseFloat(value.trim());
            if (Float.isFinite(f)) {
                return f;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be a number, got '" + value + "'");
    }

    static int integer(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + value + "'");
        }
    }

    /** nvinfer's booleans are 0/1; GLib's key files also accept true/false. */
    static boolean bool(String key, String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true" -> true;
            case "0", "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be 0 or 1, got '" + value + "'");
        };
    }

    /** {@code a;b;c} (a trailing {@code ;} as GLib writes lists is allowed). */
    static List<String> list(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(";")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    static float[] numbers(String key, String value) {
        List<String> items = list(value);
        float[] out = new float[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(key, items.get(i));
        }
        return out;
    }
}
