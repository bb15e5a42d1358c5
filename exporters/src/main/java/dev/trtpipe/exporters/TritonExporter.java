package dev.trtpipe.exporters;

import com.google.protobuf.TextFormat;
import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.exporters.proto.TritonModelConfig.DataType;
import dev.trtpipe.exporters.proto.TritonModelConfig.ModelConfig;
import dev.trtpipe.exporters.proto.TritonModelConfig.ModelDynamicBatching;
import dev.trtpipe.exporters.proto.TritonModelConfig.ModelInput;
import dev.trtpipe.exporters.proto.TritonModelConfig.ModelInstanceGroup;
import dev.trtpipe.exporters.proto.TritonModelConfig.ModelOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Writes a Triton model repository entry: {@code <repo>/<name>/config.pbtxt} (a {@link ModelConfig} in
 * protobuf text format) and the model as {@code <repo>/<name>/1/model.plan} or {@code model.onnx}.
 */
public final class TritonExporter {

    /** Version directory the model is placed in. */
    static final String VERSION = "1";

    private static final Map<String, DataType> DATA_TYPES = Map.ofEntries(
            Map.entry("bool", DataType.TYPE_BOOL),
            Map.entry("uint8", DataType.TYPE_UINT8), Map.entry("uint16", DataType.TYPE_UINT16),
            Map.entry("uint32", DataType.TYPE_UINT32), Map.entry("uint64", DataType.TYPE_UINT64),
            Map.entry("int8", DataType.TYPE_INT8), Map.entry("int16", DataType.TYPE_INT16),
            Map.entry("int32", DataType.TYPE_INT32), Map.entry("int64", DataType.TYPE_INT64),
            Map.entry("float16", DataType.TYPE_FP16), Map.entry("float", DataType.TYPE_FP32),
            Map.entry("double", DataType.TYPE_FP64), Map.entry("string", DataType.TYPE_STRING),
            Map.entry("bfloat16", DataType.TYPE_BF16));

    /**
     * @param maxBatch {@code max_batch_size} for a model with a dynamic batch; empty: see {@link ModelDescription#batchFor}
     */
    public record Options(String modelName, OptionalInt maxBatch) {
        public Options {
            ModelName.checked(modelName);
        }
    }

    private TritonExporter() {
    }

    /**
     * Writes the repository entry for {@code model} under {@code repository}; with class names, also a
     * {@code labels.txt} beside {@code config.pbtxt} for clients (Triton itself reads labels only for
     * classification outputs).
     *
     * @return the files written
     * @throws java.nio.file.FileAlreadyExistsException when a target exists and {@code force} is off
     */
    public static List<Path> export(ModelDescription model, Optional<List<String>> classNames, Path repository,
                                    Options options, boolean force) throws IOException {
        Path modelDir = repository.resolve(options.modelName());
        ModelConfig config = config(model, options);
        OutputFiles files = new OutputFiles()
                .text(modelDir.resolve("config.pbtxt"), "# Triton model configuration written by trtpipe from "
                        + model.file().getFileName() + "\n" + TextFormat.printer().printToString(config))
                .copyOf(modelDir.resolve(VERSION).resolve(modelFileName(model.format())), model.file());
        classNames.ifPresent(names -> files.text(modelDir.resolve("labels.txt"), String.join("\n", names) + "\n"));
        return files.write(force);
    }

    /** Triton's default model file name for each platform. */
    static String modelFileName(ModelFormat format) {
        return format == ModelFormat.ONNX ? "model.onnx" : "model.plan";
    }

    /**
     * The model configuration. With a dynamic batch {@code max_batch_size} is the batch and dims leave the
     * batch out; with a fixed batch {@code max_batch_size} is 0 and dims are the full shape, as Triton requires.
     */
    public static ModelConfig config(ModelDescription model, Options options) {
        boolean batching = model.dynamicBatch();
        int batch = model.batchFor(options.maxBatch());
        ModelConfig.Builder config = ModelConfig.newBuilder()
                .setName(options.modelName())
                .setPlatform(model.format() == ModelFormat.ONNX ? "onnxruntime_onnx" : "tensorrt_plan")
                .setMaxBatchSize(batching ? batch : 0);
        for (TensorInfo in : model.inputs()) {
            config.addInput(ModelInput.newBuilder().setName(in.name()).setDataType(dataType(model, in))
                    .addAllDims(dims(in, batching)));
        }
        for (TensorInfo out : model.outputs()) {
            config.addOutput(ModelOutput.newBuilder().setName(out.name()).setDataType(dataType(model, out))
                    .addAllDims(dims(out, batching)));
        }
        if (batching && batch > 1) {
            config.setDynamicBatching(ModelDynamicBatching.getDefaultInstance());
        }
        if (model.format() == ModelFormat.TENSORRT_PLAN) {
            // a plan runs only on the GPU model it was built for
            config.addInstanceGroup(ModelInstanceGroup.newBuilder().setKind(ModelInstanceGroup.Kind.KIND_GPU).setCount(1));
        }
        return config.build();
    }

    private static List<Long> dims(TensorInfo t, boolean batching) {
        long[] shape = t.shape();
        return Arrays.stream(shape, batching ? 1 : 0, shape.length).map(d -> d < 0 ? -1 : d).boxed().toList();
    }

    private static DataType dataType(ModelDescription model, TensorInfo t) {
        DataType type = DATA_TYPES.get(t.dataType());
        if (type == null) {
            throw new IllegalArgumentException(model.file() + ": tensor '" + t.name() + "' has element type " + t.dataType()
                    + ", which Triton cannot serve; re-export the model with a supported type");
        }
        return type;
    }
}
