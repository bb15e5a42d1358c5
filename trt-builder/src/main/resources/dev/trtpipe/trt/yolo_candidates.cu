/*
 * The candidate anchors of one raw YOLO head, compacted, so that only they are copied back to the host instead
 * of the whole head (CandidateFilter in detect says what the host expects; DeviceCandidates launches this).
 *
 * head: the engine's output binding, float, (items, anchors * channels, grid_h, grid_w): anchor a of cell c has
 * channel k at ((n * anchors + a) * channels + k) * plane + c, objectness at k = 4.
 * An anchor is a candidate when objectness >= select_from (the decode's cutoff lowered by a margin: never fewer
 * anchors than the decode keeps). Each candidate takes the next slot of its item (atomicAdd on counts[n], which
 * the host zeroes first) and, when the slot is below capacity, writes one record there: its anchor index
 * a * plane + c as the bits of a float, then its channels 0 .. channels - 1. Records of slot s of every item lie
 * together: record (s, n) starts at (s * items + n) * (channels + 1), so the slots 0 .. max count - 1 of the whole
 * batch are one contiguous copy. Slot order depends on the scheduling; the host places each record by its index,
 * so the result does not. A count above capacity tells the host to copy the whole head instead.
 * Grid: x covers anchors * plane of one item, z the items.
 */
extern "C" __global__ void yolo_candidates(const float *__restrict__ head, int anchors, int channels, int plane, int capacity,
                                           float select_from, int *__restrict__ counts, float *__restrict__ records) {
    int index = blockIdx.x * blockDim.x + threadIdx.x;
    if (index >= anchors * plane) {
        return;
    }
    int n = blockIdx.z;
    int a = index / plane;
    int cell = index - a * plane;
    const float *anchor = head + ((long long) n * anchors + a) * channels * plane + cell;
    if (!(anchor[4LL * plane] >= select_from)) {
        return;
    }
    int slot = atomicAdd(counts + n, 1);
    if (slot >= capacity) {
        return;
    }
    float *record = records + ((long long) slot * gridDim.z + n) * (channels + 1);
    record[0] = __int_as_float(index);
    for (int k = 0; k < channels; k++) {
        record[1 + k] = anchor[(long long) k * plane];
    }
}
