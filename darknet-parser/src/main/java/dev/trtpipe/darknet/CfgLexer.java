package dev.trtpipe.darknet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Splits cfg text into sections exactly as darknet's {@code read_cfg}/{@code read_option} do, with the
 * fixes darknet.md §2 recommends: every whitespace character is deleted anywhere in a line (so
 * {@code layers = -1, 61} is {@code layers=-1,61}), including {@code \r} (CRLF files) and a leading
 * byte-order mark; lines starting with {@code #} or {@code ;} are comments; a trailing {@code #comment}
 * is cut from a value with a warning (darknet would keep it in the value).
 */
final class CfgLexer {

    private final String fileName;
    private final Consumer<String> warnings;

    CfgLexer(String fileName, Consumer<String> warnings) {
        this.fileName = fileName;
        this.warnings = warnings;
    }

    List<CfgSection> lex(String text) {
        List<CfgSection> sections = new ArrayList<>();
        String name = null;
        int sectionLine = 0;
        List<CfgOption> options = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = stripWhitespace(lines[i]);
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
                continue;
            }
            if (line.charAt(0) == '[') {
                if (name != null) {
                    sections.add(new CfgSection(name, sectionLine, options));
                }
                if (!line.endsWith("]") || line.length() < 3) {
                    throw DarknetFormatException.at(fileName, lineNo,
                            "malformed section header '" + line + "'; write it as [name] on a line of its own");
                }
                name = line.substring(1, line.length() - 1);
                sectionLine = lineNo;
                options = new ArrayList<>();
                continue;
            }
            if (name == null) {
                throw DarknetFormatException.at(fileName, lineNo,
                        "'" + line + "' comes before the first section; a cfg starts with [net]");
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || eq == line.length() - 1) {
                // darknet prints "Config file error" and goes on; so do we, but loudly
                warnings.accept(fileName + ":" + lineNo + ": ignoring '" + line + "' (not key=value)");
                continue;
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            int hash = value.indexOf('#');
            if (hash >= 0) {
                warnings.accept(fileName + ":" + lineNo + ": cutting trailing comment from " + key + "=" + value
                        + " (darknet would keep it in the value)");
                value = value.substring(0, hash);
            }
            options.add(new CfgOption(key, value, lineNo));
        }
        if (name != null) {
            sections.add(new CfgSection(name, sectionLine, options));
        }
        return sections;
    }

    /** darknet's {@code strip()}, extended to CR, form feed, vertical tab and the BOM. */
    static String stripWhitespace(String line) {
        StringBuilder sb = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean drop = c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0B || c == '\uFEFF';
            if (drop && sb == null) {
                sb = new StringBuilder(line.length());
                sb.append(line, 0, i);
            } else if (!drop && sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? line : sb.toString();
    }
}
