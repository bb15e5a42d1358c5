package dev.trtpipe.cli;

import dev.trtpipe.eval.CocoEvaluator;
import dev.trtpipe.eval.PortedCocoEval;
import dev.trtpipe.tools.bench.EvalBenchmark;
import dev.trtpipe.tools.bench.SyntheticSet;
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
final class BenchEvalCommand implements ParsedCommand<BenchEvalCommand.Flags> {

    /** The synthetic set's size, how many timed rounds, and whether the line-by-line port is timed too. */
    record Flags(int images, int detections, int classes, int repeat, boolean skipPort) {
    }

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
    public Flags parse(CommandLine line) throws UsageException {
        return new Flags(Values.get(line, "images", 5000), Values.get(line, "detections", 100), Values.get(line, "classes", 80),
                Values.get(line, "repeat", 5), line.hasOption("skip-port"));
    }

    @Override
    public int run(Flags flags, Console console) throws Exception {
        int images = flags.images();
        int detections = flags.detections();
        int classes = flags.classes();
        int repeat = flags.repeat();
        SyntheticSet set = EvalBenchmark.generate(images, detections, classes);
        console.out().println(String.format(Locale.ROOT, "generated: %d images, %d classes, %d ground-truth boxes, %d detections",
                images, classes, set.dataset().annotations().size(), set.detections().size()));
        EvalBenchmark.Timing fast = EvalBenchmark.fastScorer(set, repeat);
        console.out().println(String.format(Locale.ROOT, "CocoEvaluator:  %.2f s (best of %d)", fast.seconds(), repeat));
        if (!flags.skipPort()) {
            EvalBenchmark.Timing ported = EvalBenchmark.portedScorer(set);
            console.out().println(String.format(Locale.ROOT, "PortedCocoEval: %.2f s (line-by-line port of pycocotools)", ported.seconds()));
            console.out().println(String.format(Locale.ROOT, "ratio: %.1fx faster; stats %s", ported.seconds() / fast.seconds(),
                    Arrays.equals(fast.result().stats(), ported.result().stats()) ? "identical to the bit" : "DIFFER"));
        }
        console.out().println("stats: " + Arrays.toString(fast.result().stats()));
        return ExitCode.OK;
    }
}
