package dev.trtpipe.eval;

import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Items grouped by an integer key in compressed form (offsets into one index array), each group in
 * input order: pycocotools' {@code defaultdict(list)} per (image, category), without a list per key.
 */
final class Buckets {

    private final int[] start;
    private final int[] items;

    private Buckets(int[] start, int[] items) {
        this.start = start;
        this.items = items;
    }

    /** @param keyOf the item's key in {@code [0, keys)}, or -1 to leave it out */
    static <T> Buckets of(List<T> list, ToIntFunction<T> keyOf, int keys) {
        int[] keyOfItem = new int[list.size()];
        int[] start = new int[keys + 1];
        for (int i = 0; i < keyOfItem.length; i++) {
            int key = keyOf.applyAsInt(list.get(i));
            keyOfItem[i] = key;
            if (key >= 0) {
                start[key + 1]++;
            }
        }
        for (int key = 0; key < keys; key++) {
            start[key + 1] += start[key];
        }
        int[] fill = start.clone();
        int[] items = new int[start[keys]];
        for (int i = 0; i < keyOfItem.length; i++) {
            if (keyOfItem[i] >= 0) {
                items[fill[keyOfItem[i]]++] = i;
            }
        }
        return new Buckets(start, items);
    }

    int size(int key) {
        return start[key + 1] - start[key];
    }

    /** The list index of the j-th item with this key. */
    int item(int key, int j) {
        return items[start[key] + j];
    }
}
