package dev.trtpipe.cli;

import dev.trtpipe.detect.BatchDetector.InputPreparation;
import dev.trtpipe.detect.CandidateFilter;
import dev.trtpipe.detect.backend.BackendRequest;
import dev.trtpipe.detect.preprocess.RgbImage;
import dev.trtpipe.trt.CandidateCheck;
import dev.trtpipe.trt.GpuPreprocessing;
import dev.trtpipe.trt.GpuPreprocessCheck;
import java.util.List;
import dev.trtpipe.trt.TrtAvailability;
import java.util.Optional;
import java.nio.file.Path;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/**
 * {@code --gpu-preprocess} of {@code detect} and {@code bench-detect}: darknet's resize/letterbox as a CUDA
 * kernel writing a TensorRT engine's input binding, instead of on the CPU (same values, bit for bit). Where
 * the kernel cannot be built (no NVRTC), one warning line and the CPU path. Off by default.
 */
final class GpuPreprocessOption {

    static final String NAME = "gpu-preprocess";
    /** How detect recognises an engine (see Backends): by its file name. */
    private static final Set<String> ENGINE_EXTENSIONS = Set.of("plan", "engine");

    private GpuPreprocessOption() {
    }

    /** Whether detect runs {@code model} as a TensorRT engine (by its file name, as {@code Backends} decides). */
    static boolean isEngine(Path model) {
        return ENGINE_EXTENSIONS.contains(BackendRequest.of(model).extension());
    }

    static Option option() {
        return Option.builder().longOpt(NAME)
                .desc("TensorRT engines of darknet models: resize/letterbox on the GPU from the 8-bit images, bit-exact with the CPU"
                        + " (needs NVRTC, libnvrtc.so.13, from the CUDA toolkit; without it: a warning and the CPU)").get();
    }

    /**
     * Where the input is made: {@link InputPreparation#HOST} unless the flag is given and the kernel runs here.
     *
     * @throws UsageException the flag for a model that is not a TensorRT engine
     */
    static InputPreparation resolve(CommandLine line, BackendRequest request, Console console) throws UsageException {
        return resolve(line.hasOption(NAME), request, console);
    }

    /** As {@link #resolve(CommandLine, BackendRequest, Console)}, for a command that parsed the flag into {@code given}. */
    static InputPreparation resolve(boolean given, BackendRequest request, Console console) throws UsageException {
        if (!given) {
            return InputPreparation.HOST;
        }
        if (!ENGINE_EXTENSIONS.contains(request.extension())) {
            throw new UsageException("--" + NAME + " prepares a TensorRT engine's input on the GPU; " + request.model()
                    + " is not an engine (.plan/.engine): drop --" + NAME + " or build one with trtpipe onnx2trt");
        }
        if (!TrtAvailability.isAvailable()) {
            return InputPreparation.HOST; // opening the engine reports what is missing
        }
        Optional<String> unavailable = GpuPreprocessing.unavailableReason();
        unavailable.ifPresent(reason -> console.warn("--" + NAME + ": " + reason + "; preparing the input on the CPU instead"));
        return unavailable.isPresent() ? InputPreparation.HOST : InputPreparation.BACKEND;
    }

    /**
     * Before measuring the GPU path: the kernel against the Java resize kernel on awkward image sizes and on
     * the benchmark's own image, every float compared bit for bit; the table goes to stderr.
     *
     * @return whether every case was bit-identical
     */
    static boolean verify(RgbImage image, String imageName, Console console) {
        List<GpuPreprocessCheck.Row> rows = GpuPreprocessCheck.run(GpuPreprocessCheck.cases(Optional.of(image), imageName),
                GpuPreprocessing::prepare);
        console.err().println("GPU preprocessing (" + GpuPreprocessing.describe() + ") against the Java kernel:");
        console.err().print(GpuPreprocessCheck.table(rows, "bit-exact check"));
        // the same cases from images in pinned memory (uploaded straight from their planes), all and mixed with heap ones
        List<GpuPreprocessCheck.Row> pinned = GpuPreprocessCheck.run(GpuPreprocessCheck.cases(Optional.of(image), imageName),
                (images, placements, w, h) -> GpuPreprocessing.prepareFromPinned(images, placements, w, h, false));
        List<GpuPreprocessCheck.Row> mixed = GpuPreprocessCheck.run(GpuPreprocessCheck.cases(Optional.of(image), imageName),
                (images, placements, w, h) -> GpuPreprocessing.prepareFromPinned(images, placements, w, h, true));
        console.err().print(verdict(pinned, "bit-exact check, pinned images"));
        console.err().print(verdict(mixed, "bit-exact check, pinned and heap images in one batch"));
        // the raw heads' candidate prefilter (what comes back from the GPU), against its Java reference; only where it
        // is turned on (CandidateFilter.ENABLE_PROPERTY): it has not yet run on a GPU
        List<CandidateCheck.Row> prefilter = CandidateFilter.enabled() ? CandidateCheck.run() : List.of();
        if (!prefilter.isEmpty()) {
            console.err().print(CandidateCheck.table(prefilter, "candidate prefilter check"));
        }
        return rows.stream().allMatch(GpuPreprocessCheck.Row::passed) && pinned.stream().allMatch(GpuPreprocessCheck.Row::passed)
                && mixed.stream().allMatch(GpuPreprocessCheck.Row::passed) && prefilter.stream().allMatch(CandidateCheck.Row::passed);
    }

    /** The verdict line of {@link GpuPreprocessCheck#table}, with the failing rows only (the full table is printed once). */
    private static String verdict(List<GpuPreprocessCheck.Row> rows, String name) {
        String table = GpuPreprocessCheck.table(rows, name);
        boolean passed = rows.stream().allMatch(GpuPreprocessCheck.Row::passed);
        return passed ? table.substring(table.lastIndexOf(name)) : table;
    }

    /** For a run's header line: {@code , GPU preprocessing instead (NVRTC 13.0, sm_90, compiled in 41 ms)}, or nothing. */
    static String note(InputPreparation preparation) {
        return preparation == InputPreparation.BACKEND ? ", GPU preprocessing instead (" + GpuPreprocessing.describe() + ")" : "";
    }
}
