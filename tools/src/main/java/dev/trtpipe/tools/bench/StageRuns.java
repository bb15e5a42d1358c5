package dev.trtpipe.tools.bench;

import java.util.Comparator;
import java.util.List;

/** One benchmark stage measured in several rounds, interleaved with the other stages against drift. */
record StageRuns(List<Throughput> rounds) {

    StageRuns {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("a stage needs at least one round");
        }
        rounds = List.copyOf(rounds);
    }

    /** The round with the median throughput (the upper median for an even count). */
    Throughput median() {
        List<Throughput> sorted = rounds.stream().sorted(Comparator.comparingDouble(Throughput::imagesPerSecond)).toList();
        return sorted.get(sorted.size() / 2);
    }

    double slowestPerSecond() {
        return rounds.stream().mapToDouble(Throughput::imagesPerSecond).min().orElseThrow();
    }

    double fastestPerSecond() {
        return rounds.stream().mapToDouble(Throughput::imagesPerSecond).max().orElseThrow();
    }
}
