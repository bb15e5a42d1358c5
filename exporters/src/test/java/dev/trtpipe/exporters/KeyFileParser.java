package dev.trtpipe.exporters;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a GLib key file the way {@code g_key_file_load_from_data} does for plain values (test side). */
final class KeyFileParser {

    private KeyFileParser() {
    }

    /** Groups in file order, each with its keys in file order; fails on a key outside a group or a duplicate. */
    static Map<String, Map<String, String>> parse(String text) {
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        Map<String, String> current = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String name = line.substring(1, line.length() - 1);
                if (groups.containsKey(name)) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": duplicate group [" + name + "]");
                }
                current = new LinkedHashMap<>();
                groups.put(name, current);
                continue;
            }
            int eq = line.indexOf('=');
            if (current == null || eq <= 0) {
                throw new IllegalArgumentException("line " + (i + 1) + ": not a key=value line inside a group: " + line);
            }
            String key = line.substring(0, eq).strip();
            if (current.put(key, line.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException("line " + (i + 1) + ": duplicate key " + key);
            }
        }
        return groups;
    }
}
