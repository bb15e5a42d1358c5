package dev.trtpipe.cli;

import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DarknetWeights;
import dev.trtpipe.onnx.ConversionOptions;
import dev.trtpipe.onnx.DarknetOnnxConverter;
import dev.trtpipe.onnx.OnnxModelWriter;
import dev.trtpipe.samples.darknet.RandomDarknetWeights;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
final class BenchConvertCommand implements Command {

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
    public int run(CommandLine line, Console console) throws Exception {
        Path cfg = CommonOptions.requiredPath(line, "cfg");
        int rounds = Values.get(line, "repeat", 5);
        Optional<Path> workDir = Values.get(line, "work-dir");
        Path dir = workDir.isPresent() ? Files.createDirectories(workDir.get())
                : Files.createTempDirectory("trtpipe-bench");
        DarknetModel model = DarknetModel.parse(cfg);
        Path weights;
        Optional<Path> given = Values.get(line, "weights");
        if (given.isPresent()) {
            weights = given.get();
        } else {
            weights = dir.resolve("random.weights");
            if (!Files.exists(weights) || Files.size(weights) != 20 + 4 * model.weightCount()) {
                RandomDarknetWeights.write(model, weights, RandomDarknetWeights.DEFAULT_SEED,
                        RandomDarknetWeights.Objectness.RANDOM);
            }
            console.out().printf("random weights: %s (%s)%n", weights, CommonOptions.size(Files.size(weights)));
        }
        Path copy = dir.resolve("copy.bin");
        Path onnx = dir.resolve("model.onnx");
        double[] baseline = new double[rounds];
        double[] convert = new double[rounds];
        long onnxBytes = 0;
        for (int r = -1; r < rounds; r++) { // round −1 warms up the JIT and the page cache
            long t0 = System.nanoTime();
            copyFile(weights, copy);
            long t1 = System.nanoTime();
            DarknetModel parsed = DarknetModel.parse(cfg);
            OnnxModelWriter.Result result = OnnxModelWriter.write(DarknetOnnxConverter.convert(parsed,
                    DarknetWeights.load(weights, parsed, false), ConversionOptions.defaults()), onnx);
            long t2 = System.nanoTime();
            onnxBytes = result.bytes();
            if (r >= 0) {
                baseline[r] = (t1 - t0) / 1e9;
                convert[r] = (t2 - t1) / 1e9;
            }
        }
        double b = median(baseline);
        double c = median(convert);
        console.out().printf("weights %s, onnx %s, %d rounds (medians)%n", CommonOptions.size(Files.size(weights)),
                CommonOptions.size(onnxBytes), rounds);
        console.out().printf("  read weights + write same bytes: %.3f s%n", b);
        console.out().printf("  parse + convert + write ONNX:    %.3f s   ratio %.2f (target <= 2)%n", c, c / b);
        Files.deleteIfExists(copy);
        return ExitCode.OK;
    }

    /** The floor: read the file in 1 MiB chunks and write each chunk out. */
    private static void copyFile(Path from, Path to) throws IOException {
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
