package dev.trtpipe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.trtpipe.detect.testing.ReplayModels;
import dev.trtpipe.detect.testing.SharedRefs;
import dev.trtpipe.trt.TrtAvailability;
import dev.trtpipe.trt.selftest.SyntheticModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** onnx2trt / inspect-engine / selftest-gpu as a user on a host without a GPU sees them. */
class TrtCommandsTest {

    @TempDir
    Path dir;

    private Path model(long batch) throws Exception {
        Path m = dir.resolve(batch < 0 ? "dynamic.onnx" : "static.onnx");
        Files.write(m, SyntheticModels.convNet(batch, 1));
        return m;
    }

    @Test
    void onnx2trtWithoutTensorRtExits3WithOneLineNamingTheMissingLibraries() throws Exception {
        assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT and a GPU");
        Path plan = dir.resolve("static.plan");
        CliRun r = CliRun.of("onnx2trt", "-m", model(1).toString(), "-e", plan.toString(), "-t", "fp16");
        assertThat(r.exit()).isEqualTo(ExitCode.NO_TENSORRT);
        assertThat(r.lastErrLine()).startsWith("trtpipe onnx2trt: TensorRT is not usable on this host: missing ")
                .contains("libcuda.so.1");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("NoClassDefFoundError");
        assertThat(plan).doesNotExist();
        assertThat(dir.resolve("static.plan.json")).doesNotExist();
    }

    @Test
    void inspectEngineAndSelftestWithoutTensorRtExit3() throws Exception {
        assumeFalse(TrtAvailability.isAvailable(), "this host has TensorRT and a GPU");
        Path plan = Files.write(dir.resolve("some.plan"), new byte[] {1, 2, 3});
        assertThat(CliRun.of("inspect-engine", "-e", plan.toString()).exit()).isEqualTo(ExitCode.NO_TENSORRT);
        CliRun selftest = CliRun.of("selftest-gpu", "--work", dir.resolve("st").toString());
        assertThat(selftest.exit()).isEqualTo(ExitCode.NO_TENSORRT);
        assertThat(selftest.err().strip()).startsWith("trtpipe selftest-gpu: TensorRT is not usable on this host").doesNotContain("\n");
    }

    @Test
    void aDynamicModelWithoutProfileFailsBeforeTensorRtWithAReadyLine() throws Exception {
        CliRun r = CliRun.of("onnx2trt", "-m", model(-1).toString(), "-e", dir.resolve("d.plan").toString());
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.lastErrLine()).endsWith("needs an optimization profile: add -p images,1x3x64x64,4x3x64x64,8x3x64x64 (or --batch 1:4:8)");
    }

    @Test
    void int8WithoutCalibrationDataFailsBeforeTensorRt() throws Exception {
        CliRun r = CliRun.of("onnx2trt", "-m", model(1).toString(), "-e", dir.resolve("s.plan").toString(), "-t", "int8");
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.lastErrLine()).contains("-t int8 needs calibration data: give --calib-images DIR");
    }

    @Test
    void malformedOptionsAreUsageErrors() throws Exception {
        String m = model(-1).toString();
        String plan = dir.resolve("x.plan").toString();
        assertThat(CliRun.of("onnx2trt", "-m", m, "-e", plan, "-p", "images,1x3x64").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("onnx2trt", "-m", m, "-e", plan, "--batch", "4:1:2").err()).contains("1 <= min <= opt <= max");
        assertThat(CliRun.of("onnx2trt", "-m", m, "-e", plan, "-t", "fp8").err()).contains("use fp32, fp16 or int8");
        assertThat(CliRun.of("onnx2trt", "-m", m, "-e", plan, "-w", "lots").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(CliRun.of("onnx2trt", "-e", plan).exit()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void aMissingModelOrEngineIsNamed() {
        assertThat(CliRun.of("onnx2trt", "-m", dir.resolve("nope.onnx").toString(), "-e", dir.resolve("x.plan").toString()).err())
                .contains("no such file: " + dir.resolve("nope.onnx"));
        CliRun r = CliRun.of("inspect-engine", "-e", dir.resolve("none.plan").toString());
        assertThat(r.exit()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.err()).contains("no such file: " + dir.resolve("none.plan"));
    }

    @Test
    void workspaceSizesAcceptUnits() {
        assertThat(Values.BYTES.apply("1073741824")).isEqualTo(1L << 30);
        assertThat(Values.BYTES.apply("512M")).isEqualTo(512L << 20);
        assertThat(Values.BYTES.apply("2g")).isEqualTo(2L << 30);
    }

    /**
     * {@code --help} and the checks that run before TensorRT must not load a single org.bytedeco class:
     * that is what keeps them working (and fast) on hosts without the NVIDIA driver.
     */
    @Test
    void helpAndPreTensorRtChecksLoadNoJavaCppClass() throws Exception {
        Path dynamic = model(-1);
        for (List<String> args : List.of(List.of("--help"), List.of("onnx2trt", "--help"),
                List.of("onnx2trt", "-m", dynamic.toString(), "-e", dir.resolve("d.plan").toString()))) {
            assertThat(classesLoadedBy(args)).as("trtpipe " + args).contains("dev.trtpipe.cli.Main").doesNotContain("org.bytedeco");
        }
    }

    /** Finding the backend for an .onnx model instantiates the TensorRT provider too, but never loads TensorRT. */
    @Test
    void detectOnAnOnnxModelLoadsNoJavaCppClass() throws Exception {
        Path replay = Files.write(dir.resolve("replay.onnx"), ReplayModels.yoloFastest("trained/alexeyab/yolo-fastest-1.1_dog_resize"));

        String output = classesLoadedBy(List.of("detect", "--model", replay.toString(),
                "--image", SharedRefs.resolve("images/dog_decoded.png").toString()));

        assertThat(output).contains("dev.trtpipe.trt.TensorRtProvider").contains("8 detections").doesNotContain("org.bytedeco");
    }

    /** Runs trtpipe in a fresh JVM with {@code -verbose:class}: its output and every class it loaded. */
    private static String classesLoadedBy(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // the class path goes in the environment, not on the command line: ONNX Runtime 1.29 segfaults while
        // loading when the process's command line is longer than about 3.9 KB, which `mvn verify`'s class path
        // of one jar per module is
        builder.environment().put("CLASSPATH", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
