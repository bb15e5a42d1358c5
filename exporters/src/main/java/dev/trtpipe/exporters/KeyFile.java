package dev.trtpipe.exporters;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A GLib key file ({@code [group]} headers, {@code key=value} lines, {@code #} comments) as DeepStream's
 * configuration files use; writes only, in insertion order.
 */
final class KeyFile {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]+");

    private final StringBuilder text = new StringBuilder();

    KeyFile comment(String line) {
        for (String part : line.split("\n", -1)) {
            text.append(part.isEmpty() ? "#" : "# " + part).append('\n');
        }
        return this;
    }

    KeyFile group(String name) {
        if (!text.isEmpty()) {
            text.append('\n');
        }
        text.append('[').append(name).append("]\n");
        return this;
    }

    KeyFile put(String key, Object value) {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a key-file key: '" + key + "'");
        }
        String v = String.valueOf(value);
        if (v.contains("\n") || v.contains("\\") || !v.equals(v.strip())) {
            // GLib would need escapes here; no value trtpipe writes should ever need them
            throw new IllegalArgumentException("value of '" + key + "' needs key-file escaping: '" + v + "'");
        }
        text.append(key).append('=').append(v).append('\n');
        return this;
    }

    /** GLib lists: items separated by {@code ;}. */
    static String list(List<?> items) {
        List<String> parts = new ArrayList<>();
        items.forEach(i -> parts.add(String.valueOf(i)));
        return String.join(";", parts);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
