package dev.trtpipe.etlt;

import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.ShapeProfile;
import dev.trtpipe.uff.UffTranslationOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * tao-converter's UFF flags on a translated UFF graph: {@code -d} must agree with the graph's input,
 * {@code -o} picks the outputs, {@code -i} the input layout, and {@code -m} (the implicit-batch engine's
 * maximum batch in TensorRT ≤ 8) becomes an optimization profile 1..m for the symbolic batch.
 */
final class UffFlags {

    private UffFlags() {
    }

    static UffTranslationOptions translationOptions(TaoConverterArgs args) {
        UffTranslationOptions.InputLayout layout = switch (args.inputOrder().orElse(InputOrder.NCHW)) {
            case NCHW -> UffTranslationOptions.InputLayout.NCHW;
            case NHWC -> UffTranslationOptions.InputLayout.NHWC;
            case NC -> UffTranslationOptions.InputLayout.NC;
        };
        return UffTranslationOptions.defaults().withOutputs(args.outputNodes()).withInputLayout(layout);
    }

    /** Checks the flags against the UFF graph's facts and adds the profile. */
    static void apply(TaoConverterArgs args, ModelSummary uff, BuildOptions.Builder options, List<String> warnings) {
        if (uff.inputs().isEmpty()) {
            throw new IllegalArgumentException(args.model() + ": the UFF graph has no Input node");
        }
        TensorSummary input = uff.inputs().get(0);
        long[] perSample = layoutDims(input, args.inputOrder().orElse(InputOrder.NCHW));
        String declared = join(perSample);
        args.inputDims().ifPresent(d -> {
            String given = d.stream().map(String::valueOf).collect(Collectors.joining(","));
            if (!given.equals(declared)) {
                throw new IllegalArgumentException("-d " + given + " contradicts the model: UFF input " + input.name() + " is "
                        + input.shapeText() + ", so -d " + declared + " -i " + args.inputOrder().orElse(InputOrder.NCHW).cliName());
            }
        });
        List<String> unknown = args.outputNodes().stream().filter(o -> !uff.tensorNames().contains(o)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("-o: the UFF graph has no tensor " + String.join(", ", unknown) + "; its outputs are "
                    + uff.outputs().stream().map(TensorSummary::name).collect(Collectors.joining(",")));
        }
        Optional<ShapeProfile> given = args.profiles().stream().filter(p -> p.inputName().equals(input.name())).findFirst();
        List<ShapeProfile> extra = args.profiles().stream().filter(p -> !p.inputName().equals(input.name())).toList();
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException("-p " + extra.get(0) + ": the model has no input " + extra.get(0).inputName()
                    + "; its input is " + input.name());
        }
        if (given.isPresent()) {
            args.maxBatch().ifPresent(m -> warnings.add("-m " + m + " is overridden by -p " + given.get()));
            options.profile(given.get());
            return;
        }
        int m = args.maxBatchOrDefault();
        options.profile(new ShapeProfile(input.name(), batched(1, perSample), batched(m, perSample), batched(m, perSample)));
    }

    /** The input's per-sample dimensions in the order {@code -d} lists them for {@code order}. */
    private static long[] layoutDims(TensorSummary input, InputOrder order) {
        List<Dim> shape = input.shape();
        List<Long> dims = new ArrayList<>();
        for (int i = 1; i < shape.size(); i++) {
            dims.add(shape.get(i).size());
        }
        if (order == InputOrder.NHWC && dims.size() == 3) {
            dims.add(dims.remove(0)); // C,H,W → H,W,C
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] batched(long batch, long[] perSample) {
        long[] d = new long[perSample.length + 1];
        d[0] = batch;
        System.arraycopy(perSample, 0, d, 1, perSample.length);
        return d;
    }

    private static String join(long[] dims) {
        return java.util.Arrays.stream(dims).mapToObj(String::valueOf).collect(Collectors.joining(","));
    }
}
