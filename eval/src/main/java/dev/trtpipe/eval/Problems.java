package dev.trtpipe.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Bad input found while reading a dataset or scoring: each problem is one line naming the file and the
 * line or id, handed to a sink at once (so a user sees it while the run goes on), and counted by kind for
 * the summary at the end.
 */
public final class Problems {

    private final Consumer<String> sink;
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    public Problems(Consumer<String> sink) {
        this.sink = sink;
    }

    /** A sink that only counts, for callers that read the lines afterwards. */
    public static Problems collecting(List<String> lines) {
        return new Problems(lines::add);
    }

    /** @param kind what went wrong, in a few words ("box outside the image"): the summary's key */
    public synchronized void report(String kind, String line) {
        counts.merge(kind, 1, Integer::sum);
        sink.accept(line);
    }

    public synchronized int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    public synchronized int count(String kind) {
        return counts.getOrDefault(kind, 0);
    }

    /** E.g. {@code 3 problems: 2 box outside the image, 1 unreadable image}; empty when there were none. */
    public synchronized String summary() {
        if (counts.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((kind, n) -> parts.add(n + " " + kind));
        return total() + " problem" + (total() == 1 ? "" : "s") + ": " + String.join(", ", parts);
    }
}
