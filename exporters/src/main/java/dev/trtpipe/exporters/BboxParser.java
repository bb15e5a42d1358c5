package dev.trtpipe.exporters;

import java.util.Objects;

/**
 * A DeepStream bounding-box parser: the {@code parse-bbox-func-name} symbol and the shared library
 * ({@code custom-lib-path}) that exports it.
 */
public record BboxParser(String functionName, String library) {

    /** Parses {@code BatchedNMS_TRT} outputs; built from NVIDIA-AI-IOT/deepstream_tao_apps {@code post_processor}. */
    public static final BboxParser BATCHED_NMS =
            new BboxParser("NvDsInferParseCustomBatchedNMSTLT", "post_processor/libnvds_infercustomparser_tao.so");

    /** Parses {@code EfficientNMS_TRT} outputs; same library as {@link #BATCHED_NMS}. */
    public static final BboxParser EFFICIENT_NMS =
            new BboxParser("NvDsInferParseCustomEfficientNMSTLT", "post_processor/libnvds_infercustomparser_tao.so");

    public BboxParser {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(library, "library");
        if (functionName.isBlank() || library.isBlank()) {
            throw new IllegalArgumentException("a DeepStream parser needs both a function name and a library path");
        }
    }
}
