package dev.trtpipe.darknet;

import java.util.List;

/**
 * One {@code [section]} of a cfg file as darknet's {@code read_cfg} sees it: the name between the
 * brackets, the line it starts on and its {@code key=value} options in file order.
 */
record CfgSection(String name, int line, List<CfgOption> options) {

    CfgSection {
        options = List.copyOf(options);
    }

    /** The first option with this key (darknet's {@code option_find} searches from the front). */
    CfgOption find(String key) {
        for (CfgOption option : options) {
            if (option.key().equals(key)) {
                return option;
            }
        }
        return null;
    }
}
