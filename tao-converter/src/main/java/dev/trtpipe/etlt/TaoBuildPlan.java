package dev.trtpipe.etlt;

import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.CalibrationCache;
import dev.trtpipe.trt.Precision;
import dev.trtpipe.trt.ShapeProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a tao-converter command line means for a given model: the {@link BuildOptions}, the engine path,
 * and one warning per flag that was given but does not apply. Flags are checked against the decrypted
 * model, so a mistake is reported with the values the model actually has.
 *
 * @param warnings one line per ignored or doubtful flag, in flag order
 */
public record TaoBuildPlan(BuildOptions options, Path engine, List<String> warnings) {

    public TaoBuildPlan {
        warnings = List.copyOf(warnings);
    }

    /**
     * @throws IllegalArgumentException for flags that contradict the model or miss what it needs (e.g.
     *                                  {@code -p} for a dynamic input); the message shows the fix
     * @throws IOException              if the INT8 calibration cache cannot be read
     */
    public static TaoBuildPlan create(TaoConverterArgs args, ModelSummary model) throws IOException {
        List<String> warnings = new ArrayList<>();
        BuildOptions.Builder options = BuildOptions.builder()
                .precision(args.precision())
                .workspaceBytes(args.workspaceBytes())
                .strictTypes(args.strictTypes())
                .dlaCore(args.dlaCore().orElse(null));
        if (model.kind() == PayloadKind.UFF) { // translated to ONNX: tao-converter's UFF flags shape the translation
            UffFlags.apply(args, model, options, warnings);
        } else {
            checkInputDims(args, model, warnings);
            checkOutputs(args, model, warnings);
            args.inputOrder().ifPresent(order -> warnings.add("-i " + order.cliName() + " applies only to UFF models; ignored:"
                    + " the ONNX graph fixes its input layout"));
            args.maxBatch().ifPresent(m -> warnings.add("-m " + m + " applies only to implicit-batch (UFF) engines; ignored:"
                    + " the batch range of an ONNX model comes from -p"));
            checkProfiles(args, model).forEach(options::profile);
        }
        calibration(args, model, options, warnings);
        return new TaoBuildPlan(options.build(), args.engine(), warnings);
    }

    /** {@code -d}: ONNX models declare their input; a contradiction is an error, an agreement a warning. */
    private static void checkInputDims(TaoConverterArgs args, ModelSummary model, List<String> warnings) {
        if (args.inputDims().isEmpty() || model.inputs().isEmpty()) {
            return;
        }
        List<Long> dims = args.inputDims().get();
        String given = dims.stream().map(String::valueOf).collect(Collectors.joining(","));
        TensorSummary input = model.inputs().get(0);
        List<Dim> declared = input.shape().size() > 1 ? input.shape().subList(1, input.shape().size()) : List.of();
        boolean contradicts = declared.size() != dims.size();
        for (int i = 0; !contradicts && i < dims.size(); i++) {
            contradicts = declared.get(i).isStatic() && declared.get(i).size() != dims.get(i);
        }
        if (contradicts) {
            throw new IllegalArgumentException("-d " + given + " contradicts the model: input " + input.name() + " is "
                    + input.shapeText() + "; drop -d (ONNX models declare their input dimensions)");
        }
        if (declared.stream().allMatch(Dim::isStatic)) {
            warnings.add("-d " + given + " is not needed for ONNX models (input " + input.name() + " is declared "
                    + input.shapeText() + "); ignored");
        }
    }

    /** {@code -o}: ONNX outputs come from the graph; unknown names are an error. */
    private static void checkOutputs(TaoConverterArgs args, ModelSummary model, List<String> warnings) {
        if (args.outputNodes().isEmpty()) {
            return;
        }
        String declared = model.outputs().stream().map(TensorSummary::name).collect(Collectors.joining(","));
        List<String> unknown = args.outputNodes().stream().filter(o -> model.output(o).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("-o: the model has no output " + String.join(", ", unknown) + "; its outputs are "
                    + declared + " (ONNX models declare their outputs: drop -o)");
        }
        warnings.add("-o is not needed for ONNX models (the graph declares " + declared + "); ignored");
    }

    /** {@code -p}: every dynamic input needs one, and each must fit the input it names. */
    private static List<ShapeProfile> checkProfiles(TaoConverterArgs args, ModelSummary model) {
        Set<String> seen = new HashSet<>();
        for (ShapeProfile profile : args.profiles()) {
            TensorSummary input = model.input(profile.inputName()).orElseThrow(() -> new IllegalArgumentException(
                    "-p " + profile + ": the model has no input " + profile.inputName() + "; its inputs are "
                            + model.inputs().stream().map(TensorSummary::name).collect(Collectors.joining(", "))));
            if (!seen.add(profile.inputName())) {
                throw new IllegalArgumentException("-p: two profiles for input " + profile.inputName() + "; give one per input");
            }
            checkProfileFits(profile, input);
        }
        List<String> missing = model.inputs().stream().filter(t -> !t.isFullyStatic() && !seen.contains(t.name()))
                .map(t -> t.name() + " " + t.shapeText() + ": -p " + TaoConverterHints.profile(t, args.maxBatchOrDefault(), args.inputDims()))
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the model has a dynamic input shape but no optimization profile for it; add "
                    + String.join("; ", missing) + " (min, opt and max shapes; adjust the batch range to your needs)");
        }
        return args.profiles();
    }

    private static void checkProfileFits(ShapeProfile profile, TensorSummary input) {
        List<Dim> shape = input.shape();
        long[] min = profile.min();
        long[] max = profile.max();
        if (min.length != shape.size()) {
            throw new IllegalArgumentException("-p " + profile + ": input " + input.name() + " is " + input.shapeText()
                    + ", " + shape.size() + " dimensions, but the profile shapes have " + min.length);
        }
        for (int i = 0; i < min.length; i++) {
            Dim d = shape.get(i);
            if (d.isStatic() && (min[i] != d.size() || max[i] != d.size())) {
                throw new IllegalArgumentException("-p " + profile + ": dimension " + i + " of input " + input.name() + " "
                        + input.shapeText() + " is fixed at " + d.size() + ", but the profile asks for " + min[i] + ".." + max[i]);
            }
        }
    }

    /** {@code -t int8 -c -b}: a calibration cache (tao-converter cannot calibrate from images). */
    private static void calibration(TaoConverterArgs args, ModelSummary model, BuildOptions.Builder options,
                                    List<String> warnings) throws IOException {
        if (args.precision() != Precision.INT8) {
            args.calibrationCache().ifPresent(c -> warnings.add("-c " + c + " applies only with -t int8; ignored"));
            if (args.calibrationBatch().isPresent()) {
                warnings.add("-b " + args.calibrationBatch().getAsInt() + " applies only with -t int8; ignored");
            }
            return;
        }
        Path cache = args.calibrationCacheOrDefault();
        if (!Files.isRegularFile(cache)) {
            throw new IllegalArgumentException("-t int8 needs a calibration cache, and " + cache + " does not exist"
                    + (args.calibrationCache().isEmpty() ? " (the default of -c)" : "")
                    + "; pass the cache that came with the model as -c <file>");
        }
        CalibrationCache read = CalibrationCache.read(cache);
        long matching = read.matchingTensors(model.tensorNames());
        if (matching < read.scales().size()) {
            warnings.add(cache + " (" + read.header() + "): " + matching + " of " + read.scales().size() + " tensor names are in"
                    + " this model (TensorRT names tensors per version and export); layers on tensors without a range"
                    + " fall back from INT8");
        }
        options.calibrationCache(cache).calibrationBatchSize(args.calibrationBatchOrDefault());
    }
}
