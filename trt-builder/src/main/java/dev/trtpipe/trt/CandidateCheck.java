package dev.trtpipe.trt;

import static org.bytedeco.cuda.global.cudart.cudaMemcpyAsync;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyHostToDevice;

import dev.trtpipe.detect.CandidateFilter.HeadRule;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The candidate prefilter's kernel on the GPU against its Java reference ({@link CandidateRecords#select}): seeded
 * heads of Yolo-Fastest's grids at 320 and 416 with objectness planted on the decode's boundary, a batch of 32
 * uploaded, {@link DeviceCandidates} run on them; per case the counts must equal the reference's and the heads
 * scattered from the kernel's records and from the reference's must be identical bit for bit. One case has more
 * candidates than the capacity: it must be reported as overflowed (the whole head is copied then).
 */
public final class CandidateCheck {

    /** One case: what was compared and how many floats of the scattered heads differ. */
    public record Row(String head, float threshold, int items, long candidates, boolean overflowExpected, boolean overflowed,
                      boolean countsEqual, long differing) {
        public boolean passed() {
            return overflowed == overflowExpected && countsEqual && differing == 0;
        }
    }

    private static final int ITEMS = 32;
    private static final int CLASSES = 80;

    private CandidateCheck() {
    }

    /** @throws IllegalStateException the kernels cannot run here ({@link GpuPreprocessing#unavailableReason()}) */
    public static List<Row> run() {
        GpuPreprocessing.unavailableReason().ifPresent(r -> {
            throw new IllegalStateException(r);
        });
        List<Row> rows = new ArrayList<>();
        Random random = new Random(13);
        for (int grid : new int[] {10, 20, 13, 26}) {
            for (float thresh : new float[] {0.25f, 0.005f}) {
                rows.add(run(rule(grid, false, thresh), false, thresh, random, false));
            }
        }
        rows.add(run(rule(13, true, 0.25f), true, 0.25f, random, false));
        rows.add(run(rule(20, false, 0.25f), false, 0.25f, random, true));
        return rows;
    }

    private static HeadRule rule(int grid, boolean activated, float thresh) {
        float cutoff = activated ? thresh : (float) Math.log(thresh / (1 - thresh)); // the logit; the rule's margin covers rounding
        return new HeadRule("yolo " + grid + "x" + grid + (activated ? " new_coords" : ""), 3, 5 + CLASSES, grid, grid, cutoff);
    }

    private static Row run(HeadRule rule, boolean activated, float thresh, Random random, boolean crowd) {
        float[] head = heads(rule, activated, ITEMS, random);
        if (crowd) { // every anchor of item 0 passes: more than the capacity
            for (int a = 0; a < rule.anchors(); a++) {
                for (int cell = 0; cell < rule.plane(); cell++) {
                    head[(a * rule.channels() + 4) * rule.plane() + cell] = 5f;
                }
            }
        }
        CandidateRecords.Selection expected = CandidateRecords.select(head, ITEMS, rule, DeviceCandidates.CAPACITY);
        long bytes = (long) head.length * Float.BYTES;
        try (CudaStream stream = new CudaStream();
             DeviceCandidates candidates = new DeviceCandidates();
             DeviceBuffer device = new DeviceBuffer(bytes);
             PinnedBuffer host = new PinnedBuffer(bytes)) {
            host.asBytes().asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer().put(head);
            Cuda.check(cudaMemcpyAsync(device.address(), host.address(), bytes, cudaMemcpyHostToDevice, stream.handle()), "cudaMemcpyAsync(head)");
            DeviceCandidates.Pending pending = candidates.select(List.of(new DeviceCandidates.Head(rule, device.address())), ITEMS, stream);
            stream.synchronize();
            boolean overflowExpected = CandidateRecords.overflows(expected.counts(), 0, ITEMS, DeviceCandidates.CAPACITY);
            boolean countsEqual = Arrays.equals(pending.counts(0), expected.counts());
            long differing = 0;
            if (!pending.overflowed(0)) {
                float[] fromKernel = new float[head.length];
                float[] fromReference = new float[head.length];
                pending.scatter(0, fromKernel);
                CandidateRecords.scatter(FloatBuffer.wrap(expected.records()), expected.counts(), 0, ITEMS, rule, fromReference);
                for (int i = 0; i < head.length; i++) {
                    differing += Float.floatToRawIntBits(fromKernel[i]) != Float.floatToRawIntBits(fromReference[i]) ? 1 : 0;
                }
            }
            long total = Arrays.stream(expected.counts()).asLongStream().sum();
            return new Row(rule.output(), thresh, ITEMS, total, overflowExpected, pending.overflowed(0), countsEqual, differing);
        }
    }

    /**
     * {@code items} items of noise for {@code rule}'s head: objectness far below the cutoff for most anchors, some well
     * above, and some planted on the boundary (the cutoff, one float either side, the rule's own bound and one float
     * below it), those with a class probability of exactly 1 so that each is a detection when the decode keeps it.
     *
     * @param activated the head holds activated values ({@code new_coords}), else logits
     */
    static float[] heads(HeadRule rule, boolean activated, int items, Random random) {
        int plane = rule.plane();
        float[] values = new float[items * rule.itemSize()];
        for (int i = 0; i < values.length; i++) {
            values[i] = activated ? random.nextFloat() : (float) (random.nextGaussian() * 3);
        }
        float c = rule.cutoff();
        float[] boundary = {c, Math.nextUp(c), Math.nextDown(c), rule.selectFrom(), Math.nextDown(rule.selectFrom())};
        for (int n = 0; n < items; n++) {
            for (int a = 0; a < rule.anchors(); a++) {
                for (int cell = 0; cell < plane; cell++) {
                    int objectness = ((n * rule.anchors() + a) * rule.channels() + 4) * plane + cell;
                    int pick = random.nextInt(40);
                    values[objectness] = pick < boundary.length ? boundary[pick]
                            : pick < 8 ? (activated ? 0.5f + random.nextFloat() / 2 : 3f + random.nextFloat())
                            : (activated ? random.nextFloat() * c / 2 : -8f - random.nextFloat());
                    if (pick < boundary.length) {
                        values[objectness + plane] = activated ? 1f : 40f;
                    }
                }
            }
        }
        return values;
    }

    public static String table(List<Row> rows, String name) {
        StringBuilder sb = new StringBuilder("| head | thresh | items | candidates | overflow (expected) | counts | differing floats |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %s (%s) | %s | %d |%n", r.head(), r.threshold(), r.items(), r.candidates(),
                    r.overflowed() ? "yes" : "no", r.overflowExpected() ? "yes" : "no", r.countsEqual() ? "equal" : "DIFFER", r.differing()));
        }
        long failed = rows.stream().filter(r -> !r.passed()).count();
        sb.append(String.format(Locale.ROOT, "%n%s: %s (%d of %d cases as the Java reference)%n", name, failed == 0 ? "PASS" : "FAIL",
                rows.size() - failed, rows.size()));
        return sb.toString();
    }
}
