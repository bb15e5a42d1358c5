package dev.trtpipe.cli;

import dev.trtpipe.eval.CocoEvaluator;
import dev.trtpipe.eval.CocoResult;
import dev.trtpipe.eval.PortedCocoEval;
import dev.trtpipe.eval.SyntheticSet;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trtpipe bench-eval}: COCO scoring alone (no inference) of a generated set of COCO's size, by
 * {@link CocoEvaluator} (best of several runs) and by {@link PortedCocoEval}, the line-by-line port of
 * pycocotools, in the same process; prints both times, their ratio, and whether the 12 numbers agree to
 * the bit.
 */
final class BenchEvalCommand implements Command {

    @Override
    public String name() {
        return "bench-eval";
    }

    @Override
    public String summary() {
        return "benchmark COCO scoring (no inference) on a generated set against a line-by-line port of pycocotools";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("images").hasArg().converter(Values.intIn(1, 1_000_000)).argName("N").desc("images (default 5000)").get())
                .addOption(Option.builder().longOpt("detections").hasArg().converter(Values.intIn(0, 10_000)).argName("D").desc("detections per image (default 100)").get())
                .addOption(Option.builder().longOpt("classes").hasArg().converter(Values.intIn(1, 10_000)).argName("K").desc("classes (default 80)").get())
                .addOption(Option.builder().longOpt("repeat").hasArg().converter(Values.intIn(1, 100)).argName("R").desc("runs of the fast scorer; the best counts (default 5)").get())
                .addOption(Option.builder().longOpt("skip-port").desc("time only the fast scorer").get());
    }

    @Override
    public int run(CommandLine line, Console console) throws Exception {
        int images = Values.get(line, "images", 5000);
        int detections = Values.get(line, "detections", 100);
        int classes = Values.get(line, "classes", 80);
        int repeat = Values.get(line, "repeat", 5);
        SyntheticSet set = SyntheticSet.generate(images, detections, classes, 20261203L);
        console.out().println(String.format(Locale.ROOT, "generated: %d images, %d classes, %d ground-truth boxes, %d detections",
                images, classes, set.dataset().annotations().size(), set.detections().size()));
        double best = Double.MAX_VALUE;
        CocoResult fast = null;
        for (int r = 0; r < repeat; r++) {
            long start = System.nanoTime();
            fast = CocoEvaluator.evaluate(set.dataset(), set.detections());
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        console.out().println(String.format(Locale.ROOT, "CocoEvaluator:  %.2f s (best of %d)", best, repeat));
        if (!line.hasOption("skip-port")) {
            long start = System.nanoTime();
            CocoResult ported = PortedCocoEval.evaluate(set.dataset(), set.detections());
            double seconds = (System.nanoTime() - start) / 1e9;
            console.out().println(String.format(Locale.ROOT, "PortedCocoEval: %.2f s (line-by-line port of pycocotools)", seconds));
            console.out().println(String.format(Locale.ROOT, "ratio: %.1fx faster; stats %s", seconds / best,
                    Arrays.equals(fast.stats(), ported.stats()) ? "identical to the bit" : "DIFFER"));
        }
        console.out().println("stats: " + Arrays.toString(fast.stats()));
        return ExitCode.OK;
    }
}
