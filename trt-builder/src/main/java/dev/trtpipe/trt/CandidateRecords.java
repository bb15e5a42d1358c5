package dev.trtpipe.trt;

import dev.trtpipe.detect.CandidateFilter.HeadRule;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The layout {@code yolo_candidates.cu} writes, read on the host: per batch item a count, and records of
 * {@code 1 + channels} floats (the anchor's index {@code a · plane + cell} as float bits, then its channels), record
 * (slot s, item n) at {@code (s · items + n) · (channels + 1)}. Also the kernel's selection in Java, the reference
 * its checks compare with.
 */
final class CandidateRecords {

    private CandidateRecords() {
    }

    /** Floats per record of {@code rule}'s head. */
    static int recordSize(HeadRule rule) {
        return rule.channels() + 1;
    }

    /** The largest count: the slots to copy back for the whole batch. */
    static int maxCount(int[] counts, int from, int items) {
        int max = 0;
        for (int n = from; n < from + items; n++) {
            max = Math.max(max, counts[n]);
        }
        return max;
    }

    /** Whether some item had more candidates than {@code capacity} slots: then the head is copied whole for the batch. */
    static boolean overflows(int[] counts, int from, int items, int capacity) {
        return maxCount(counts, from, items) > capacity;
    }

    /**
     * Writes the head as {@link dev.trtpipe.detect.CandidateFilter} promises it: objectness {@code -Infinity} for every
     * anchor of the {@code items} items, then every record's channels at its anchor. {@code records} holds the slots
     * {@code 0 .. max count - 1} from position 0; {@code counts[countsFrom + n]} is item n's count.
     *
     * @throws IllegalStateException a record names an anchor outside the head (a broken kernel or layout)
     */
    static void scatter(FloatBuffer records, int[] counts, int countsFrom, int items, HeadRule rule, float[] into) {
        int plane = rule.plane();
        int channels = rule.channels();
        int anchorsPerItem = rule.anchors() * plane;
        for (int n = 0; n < items; n++) {
            for (int a = 0; a < rule.anchors(); a++) {
                int objectness = ((n * rule.anchors() + a) * channels + 4) * plane;
                Arrays.fill(into, objectness, objectness + plane, Float.NEGATIVE_INFINITY);
            }
        }
        int recordSize = recordSize(rule);
        for (int n = 0; n < items; n++) {
            for (int s = 0; s < counts[countsFrom + n]; s++) {
                int record = (s * items + n) * recordSize;
                int index = Float.floatToRawIntBits(records.get(record));
                if (index < 0 || index >= anchorsPerItem) {
                    throw new IllegalStateException(rule.output() + ": candidate record " + s + " of item " + n + " names anchor " + index
                            + " of " + anchorsPerItem);
                }
                int a = index / plane;
                int cell = index - a * plane;
                int base = (n * rule.anchors() + a) * channels * plane + cell;
                for (int k = 0; k < channels; k++) {
                    into[base + k * plane] = records.get(record + 1 + k);
                }
            }
        }
    }

    /**
     * What the kernel writes for {@code head} ({@code items} items), in Java, one anchor after another in index
     * order (the kernel's slot order varies; where each record lands does not depend on it).
     *
     * @return the counts (possibly above {@code capacity}) and the records of the slots below capacity
     */
    static Selection select(float[] head, int items, HeadRule rule, int capacity) {
        int plane = rule.plane();
        int channels = rule.channels();
        int[] counts = new int[items];
        float[] records = new float[capacity * items * recordSize(rule)];
        for (int n = 0; n < items; n++) {
            for (int index = 0; index < rule.anchors() * plane; index++) {
                int a = index / plane;
                int base = (n * rule.anchors() + a) * channels * plane + index - a * plane;
                if (!rule.selects(head[base + 4 * plane])) {
                    continue;
                }
                int slot = counts[n]++;
                if (slot < capacity) {
                    int record = (slot * items + n) * recordSize(rule);
                    records[record] = Float.intBitsToFloat(index);
                    for (int k = 0; k < channels; k++) {
                        records[record + 1 + k] = head[base + k * plane];
                    }
                }
            }
        }
        return new Selection(counts, records);
    }

    /** The kernel's output for one head: counts per item and the records. */
    record Selection(int[] counts, float[] records) {
    }
}
