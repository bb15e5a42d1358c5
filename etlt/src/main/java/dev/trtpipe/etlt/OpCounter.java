package dev.trtpipe.etlt;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Counts operations: most frequent first, ties by name, so listings are stable. */
final class OpCounter {

    private OpCounter() {
    }

    static Map<String, Integer> count(Stream<String> operations) {
        Map<String, Integer> counts = new TreeMap<>();
        operations.forEach(op -> counts.merge(op, 1, Integer::sum));
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .forEachOrdered(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
