package dev.trtpipe.tools.bench;

import dev.trtpipe.video.StageProfile;
import dev.trtpipe.video.StageProfile.Stage;
import java.util.Locale;

/**
 * {@code bench-video --profile}: where a pipeline pass's time went, per frame and stage, and how busy each
 * kind of thread was — which stage to make cheaper, measured rather than guessed. A thread's busy share is its
 * stages' time over the pass's wall time (times the number of such threads); a frame waiting for a worker is
 * time on no thread.
 */
public final class VideoProfileTable {

    private VideoProfileTable() {
    }

    /**
     * @param wallNanos     the pass's wall time
     * @param decodeOnlyFps the decode-only pass's steady rate: its time per frame, beside the decoder's inside the
     *                      pipeline, says whether the workers slow the decoder down (cores or memory shared)
     */
    public static String table(StageProfile profile, long wallNanos, int workers, double decodeOnlyFps) {
        int frames = profile.handledFrames();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "profile          the pipeline pass with the best steady state: %d frames in %.3f s, %d workers%n", frames, wallNanos / 1e9,
                workers));
        if (decodeOnlyFps > 0) {
            out.append(String.format(Locale.ROOT, "  %-8s %-16s %8.3f ms/frame   (the decode-only pass, for comparison)%n", "decoder",
                    "decode alone", 1000 / decodeOnlyFps));
        }
        for (Stage stage : Stage.values()) {
            long total = profile.totalNanos(stage);
            int threads = switch (stage.thread()) {
                case "worker" -> workers;
                case "frame" -> 0;
                default -> 1;
            };
            String busy = threads == 0 || wallNanos == 0 ? ""
                    : String.format(Locale.ROOT, "   %5.1f %% of %s", 100.0 * total / wallNanos / threads,
                    threads == 1 ? "the " + stage.thread() + "'s time" : "the " + threads + " " + stage.thread() + "s' time");
            out.append(String.format(Locale.ROOT, "  %-8s %-16s %8.3f ms/frame%s%n", stage.thread(), stage.label(),
                    frames == 0 ? 0 : total / 1e6 / frames, busy));
        }
        out.append(String.format(Locale.ROOT, "  %-8s %-16s %d of %d frames converted straight into the memory the work reads (no copy)%n",
                "worker", "in place", profile.framesConvertedInPlace(), frames));
        return out.toString();
    }
}
