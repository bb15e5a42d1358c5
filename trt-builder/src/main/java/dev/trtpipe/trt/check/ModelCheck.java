package dev.trtpipe.trt.check;

import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.TensorInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code polygraphy run --trt --onnxrt} for trtpipe: feeds the same inputs to ONNX Runtime on the CPU
 * (the reference) and to a TensorRT engine on the GPU (the candidate), and compares every output.
 */
public final class ModelCheck {

    private ModelCheck() {
    }

    /**
     * @throws dev.trtpipe.trt.TrtUnavailableException the candidate is an engine and this host has no TensorRT or GPU
     * @throws IllegalArgumentException bad shapes, input files or models; the message names which
     */
    public static CheckReport run(CheckSettings settings) throws IOException {
        try (CheckRunner reference = OnnxRuntimeRunner.open(settings.onnx());
             CheckRunner candidate = settings.candidateIsOnnx() ? OnnxRuntimeRunner.open(settings.candidate())
                     : TensorRtRunner.load(settings.candidate(), settings.onnx())) {
            return compare(reference, candidate, settings);
        }
    }

    /** The comparison itself, for any two runners. */
    public static CheckReport compare(CheckRunner reference, CheckRunner candidate, CheckSettings settings) throws IOException {
        requireSameInputs(reference.inputs(), candidate.inputs(), settings);
        List<CheckReport.InputRow> inputs = inputs(reference.inputs(), candidate, settings);
        Map<String, TensorData> feed = new LinkedHashMap<>();
        inputs.forEach(r -> feed.put(r.name(), r.tensor()));
        Map<String, TensorData> expected = reference.run(feed);
        Map<String, TensorData> actual = candidate.run(feed);
        List<OutputComparison> rows = new ArrayList<>();
        for (Map.Entry<String, TensorData> e : expected.entrySet()) {
            TensorData c = actual.get(e.getKey());
            rows.add(c == null
                    ? OutputComparison.failed(e.getKey(), e.getValue().shape(), new long[0], candidate.name() + " has no output of this name")
                    : OutputComparison.compare(e.getKey(), e.getValue(), c, settings.tolerances()));
        }
        if (settings.saveOutputs().isPresent()) {
            save(settings.saveOutputs().get(), feed, expected, actual);
        }
        return new CheckReport(reference.name(), candidate.name(), inputs, rows, settings.tolerances(), candidate.warnings());
    }

    private static void requireSameInputs(List<TensorInfo> reference, List<TensorInfo> candidate, CheckSettings settings) {
        Set<String> r = reference.stream().map(TensorInfo::name).collect(Collectors.toSet());
        Set<String> c = candidate.stream().map(TensorInfo::name).collect(Collectors.toSet());
        if (!r.equals(c)) {
            throw new IllegalArgumentException(settings.candidate() + ": its inputs " + c + " are not the inputs " + r + " of "
                    + settings.onnx() + "; is it the engine of this model?");
        }
        for (String name : settings.inputFiles().keySet()) {
            if (!r.contains(name)) {
                throw new UnknownInputException(UnknownInputException.Setting.INPUT_FILE, name, r);
            }
        }
        for (String name : settings.ranges().keySet()) {
            if (!name.isEmpty() && !r.contains(name)) {
                throw new UnknownInputException(UnknownInputException.Setting.VALUE_RANGE, name, r);
            }
        }
    }

    private static List<CheckReport.InputRow> inputs(List<TensorInfo> declared, CheckRunner candidate, CheckSettings settings)
            throws IOException {
        Map<String, TensorData> files = new HashMap<>();
        Map<String, long[]> given = new HashMap<>(settings.shapes());
        for (Map.Entry<String, Path> f : settings.inputFiles().entrySet()) {
            TensorData t = Npy.read(f.getValue());
            long[] shape = given.get(f.getKey());
            if (shape != null && !Arrays.equals(shape, t.shape())) {
                throw new SettingException(f.getValue() + ": holds " + TensorData.format(t.shape()) + " but {INPUT_SHAPE} gives input '"
                        + f.getKey() + "' " + TensorData.format(shape) + "; drop one of them");
            }
            given.put(f.getKey(), t.shape());
            files.put(f.getKey(), t);
        }
        Map<String, long[]> opt = candidate instanceof TensorRtRunner trt ? trt.optShapes() : Map.of();
        Map<String, long[]> shapes = InputShapes.resolve(declared, given, opt);
        RandomInputs random = new RandomInputs(settings.seed());
        List<CheckReport.InputRow> rows = new ArrayList<>();
        for (TensorInfo in : declared) {
            ElementType type = ElementType.fromOnnxName(in.dataType(), settings.onnx() + ": input '" + in.name() + "'");
            if (files.containsKey(in.name())) {
                rows.add(new CheckReport.InputRow(in.name(), files.get(in.name()).as(type), settings.inputFiles().get(in.name()).toString()));
            } else {
                ValueRange range = settings.rangeFor(in.name(), type);
                rows.add(new CheckReport.InputRow(in.name(), random.generate(in.name(), type, shapes.get(in.name()), range),
                        String.format(Locale.ROOT, "random %s %s..%s, seed %d", type.isFloatingPoint() ? "uniform" : "integers",
                                number(range.low()), number(range.high()), settings.seed())));
            }
        }
        return rows;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static void save(Path dir, Map<String, TensorData> inputs, Map<String, TensorData> reference, Map<String, TensorData> candidate)
            throws IOException {
        saveAll(dir.resolve("inputs"), inputs);
        saveAll(dir.resolve("reference"), reference);
        saveAll(dir.resolve("candidate"), candidate);
    }

    private static void saveAll(Path dir, Map<String, TensorData> tensors) throws IOException {
        for (Map.Entry<String, TensorData> e : tensors.entrySet()) {
            Npy.write(dir.resolve(fileName(e.getKey())), e.getValue());
        }
    }

    /** A tensor name as a file name: TAO's names hold '/' and ':' ({@code output_cov/Sigmoid}, {@code NMS:0}). */
    static String fileName(String tensorName) {
        return tensorName.replaceAll("[^A-Za-z0-9._-]", "_") + ".npy";
    }
}
