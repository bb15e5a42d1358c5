package dev.trtpipe.cli;

import dev.trtpipe.tools.selftest.GpuSelfTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code trtpipe selftest-gpu}: build, run and compare engines on this GPU; prints one table. */
final class SelfTestGpuCommand implements Command {

    @Override
    public String name() {
        return "selftest-gpu";
    }

    @Override
    public String summary() {
        return "on a GPU: build fp32/fp16/int8 engines, compare with ONNX Runtime, time them";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("onnx").hasArg().converter(Values.PATH).argName("FILE").desc("model to test; repeatable (default: built-in synthetic models)").get())
                .addOption(Option.builder().longOpt("images").hasArg().converter(Values.PATH).argName("DIR").desc("images for test input and INT8 calibration").get())
                .addOption(Option.builder().longOpt("work").hasArg().converter(Values.PATH).argName("DIR").desc("where engines and selftest.md go (default: a temp folder)").get())
                .addOption(Option.builder().longOpt("opt-level").hasArg().converter(Values.intIn(0, 5)).argName("0-5").desc("builder optimization level (default 1)").get())
                .addOption(Option.builder().longOpt("iterations").hasArg().converter(Values.intIn(1, 1_000_000)).argName("N").desc("timed inferences per engine (default 200)").get());
    }

    @Override
    public Set<String> outputOptions() {
        return Set.of("work");
    }

    @Override
    public Set<String> repeatableOptions() {
        return Set.of("onnx");
    }

    @Override
    public int run(CommandLine line, Console console) throws Exception {
        List<Path> models = Values.all(line, "onnx");
        for (Path m : models) {
            if (!Files.isRegularFile(m)) {
                throw new IllegalArgumentException(m + ": no such ONNX file");
            }
        }
        Optional<Path> workDir = Values.get(line, "work");
        Path work = workDir.isPresent() ? workDir.get() : Files.createTempDirectory("trtpipe-selftest");
        GpuSelfTest.Config config = new GpuSelfTest.Config(models, Values.get(line, "images"), work, Values.get(line, "opt-level", 1),
                Values.get(line, "iterations", 200));
        GpuSelfTest.Report report = new GpuSelfTest(config, console.err()).run();
        console.out().print(Files.readString(work.resolve("selftest.md"), StandardCharsets.UTF_8));
        return report.passed() ? ExitCode.OK : ExitCode.BAD_INPUT;
    }
}
