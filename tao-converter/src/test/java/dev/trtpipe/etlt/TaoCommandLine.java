package dev.trtpipe.etlt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Splits a tao-converter command line the way the CLI's option parser does, for tests of {@link TaoConverterArgs}. */
final class TaoCommandLine {

    private TaoCommandLine() {
    }

    static TaoConverterArgs parse(String... argv) {
        Map<Character, List<String>> flags = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < argv.length; i++) {
            if (argv[i].length() == 2 && argv[i].charAt(0) == '-') {
                char flag = argv[i].charAt(1);
                String value = TaoConverterArgs.SWITCHES.indexOf(flag) >= 0 ? "" : argv[++i];
                flags.computeIfAbsent(flag, f -> new ArrayList<>()).add(value);
            } else {
                positional.add(argv[i]);
            }
        }
        return TaoConverterArgs.parse(flags, positional);
    }
}
