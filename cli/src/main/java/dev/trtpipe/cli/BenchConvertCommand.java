package dev.trtpipe.cli;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.tools.bench.ConvertBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trtpipe bench-convert}: times darknet → ONNX against the floor any converter has — reading the
 * weights file and writing the same number of bytes — alternating both in one process, and prints the
 * ratio of the medians. Generates random weights of the right size when none are given.
 */
final class BenchConvertCommand implements ParsedCommand<BenchConvertCommand.Flags> {

    /** The cfg to convert, its weights (random ones when absent), how many rounds, where the files go. */
    record Flags(Path cfg, Optional<Path> weights, int rounds, Optional<Path> workDir) {
    }

    @Override
    public String name() {
        return "bench-convert";
    }

    @Override
    public String summary() {
        return "benchmark darknet2onnx against copying the weights file (same process)";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(CommonOptions.path("cfg", "file", "darknet .cfg (required)"))
                .addOption(Option.builder().longOpt("weights").hasArg().argName("file").converter(Values.PATH)
                        .desc("weights to convert; generated (random, right size) into --work-dir if absent").get())
                .addOption(CommonOptions.path("work-dir", "dir", "where outputs go (default: a temp dir)"))
                .addOption(CommonOptions.value("repeat", "N", Values.intIn(1, 100), "timed rounds (default 5)"));
    }

    @Override
    public Set<String> outputOptions() {
        return Set.of("work-dir");
    }

    @Override
    public Flags parse(CommandLine line) throws UsageException {
        return new Flags(CommonOptions.requiredPath(line, "cfg"), Values.get(line, "weights"), Values.get(line, "repeat", 5),
                Values.get(line, "work-dir"));
    }

    @Override
    public int run(Flags flags, Console console) throws Exception {
        Path cfg = flags.cfg();
        int rounds = flags.rounds();
        Optional<Path> workDir = flags.workDir();
        Path dir = workDir.isPresent() ? Files.createDirectories(workDir.get())
                : Files.createTempDirectory("trtpipe-bench");
        DarknetModel model = DarknetModel.parse(cfg);
        Path weights;
        Optional<Path> given = flags.weights();
        if (given.isPresent()) {
            weights = given.get();
        } else {
            weights = ConvertBenchmark.randomWeights(model, dir);
            console.out().printf("random weights: %s (%s)%n", weights, CommonOptions.size(Files.size(weights)));
        }
        ConvertBenchmark.Result result = ConvertBenchmark.run(cfg, weights, dir, rounds);
        console.out().printf("weights %s, onnx %s, %d rounds (medians)%n", CommonOptions.size(Files.size(weights)),
                CommonOptions.size(result.onnxBytes()), rounds);
        console.out().printf("  read weights + write same bytes: %.3f s%n", result.copySeconds());
        console.out().printf("  parse + convert + write ONNX:    %.3f s   ratio %.2f (target <= 2)%n", result.convertSeconds(), result.ratio());
        return ExitCode.OK;
    }
}
