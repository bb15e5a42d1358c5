package dev.trtpipe.trt;

import static org.bytedeco.tensorrt.global.nvinfer.createInferRuntime;
import static org.bytedeco.tensorrt.global.nvinfer_plugin.initLibNvInferPlugins;

import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.detect.preprocess.PixelMemory;
import dev.trtpipe.detect.preprocess.RecyclingPixelMemory;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorrt.global.nvinfer.DataType;
import org.bytedeco.tensorrt.global.nvinfer.LayerInformationFormat;
import org.bytedeco.tensorrt.global.nvinfer.OptProfileSelector;
import org.bytedeco.tensorrt.global.nvinfer.TensorIOMode;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.ICudaEngine;
import org.bytedeco.tensorrt.nvinfer.IEngineInspector;
import org.bytedeco.tensorrt.nvinfer.IExecutionContext;
import org.bytedeco.tensorrt.nvinfer.IRuntime;

/**
 * A deserialized plan: the runtime, the engine (its weights on the GPU) and its I/O tensors. It runs
 * through {@link NativeContext}s, any number of which share it, each with its own execution context,
 * stream and buffers — as trtexec's {@code --streams} does, so several inferences at once do not hold
 * the weights several times. It is freed when the last of its contexts closes.
 */
final class NativeEngine {

    /** One I/O tensor as the plan declares it ({@code -1} for a dynamic dimension). */
    record IoSpec(String name, DataType type, long[] engineShape, boolean input) {
        TensorInfo info() {
            return new TensorInfo(name, engineShape, HostTensors.onnxName(type));
        }
    }

    private final NativeResources resources;
    private final TrtLogger logger;
    private final ICudaEngine engine;
    private final List<IoSpec> tensors = new ArrayList<>();
    private int openContexts;
    private boolean released;
    /** Pinned memory for images this engine's GPU preprocessing reads; made on first use, freed with the engine. */
    private RecyclingPixelMemory pixelMemory;

    /**
     * Pinned memory kept for reuse, at most: two batches of 32 1.3 MB images for each of 16 workers stay
     * below it, so a folder run at that size does not free and lock pages again and again.
     */
    static final long MAX_IDLE_PIXEL_BYTES = 1L << 30;

    private NativeEngine(NativeResources resources, TrtLogger logger, ICudaEngine engine) {
        this.resources = resources;
        this.logger = logger;
        this.engine = engine;
        for (int i = 0; i < engine.getNbIOTensors(); i++) {
            String name = engine.getIOTensorName(i);
            tensors.add(new IoSpec(name, engine.getTensorDataType(name).intern(), shapeOf(engine.getTensorShape(name)),
                    engine.getTensorIOMode(name).intern() == TensorIOMode.kINPUT));
        }
    }

    /**
     * Deserializes {@code plan} and opens its first context; the engine lives as long as its contexts.
     *
     * @throws TensorRtException TensorRT refused the plan (the message says why, in plain words)
     */
    static NativeContext load(byte[] plan, String source) {
        NativeResources resources = new NativeResources();
        NativeEngine engine;
        try {
            TrtLogger logger = resources.add(new TrtLogger());
            initLibNvInferPlugins(logger, "");
            IRuntime runtime = resources.add(logger.check(createInferRuntime(logger), "createInferRuntime"));
            ICudaEngine deserialized;
            try (BytePointer bytes = new BytePointer(plan)) {
                deserialized = runtime.deserializeCudaEngine(bytes, plan.length);
            }
            if (deserialized == null) {
                throw new TensorRtException(PlanLoadErrors.describe(source, TrtVersion.runtime(), logger.errors()));
            }
            resources.add(deserialized);
            engine = new NativeEngine(resources, logger, deserialized);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
        return engine.openContext();
    }

    /** Another execution context over the same weights; the engine stays alive until it closes too. */
    synchronized NativeContext openContext() {
        if (released) {
            throw new IllegalStateException("the engine was freed with its last context; load the plan again");
        }
        openContexts++;
        try {
            return NativeContext.open(this, logger.check(engine.createExecutionContext(), "createExecutionContext"));
        } catch (RuntimeException e) {
            release();
            throw e;
        }
    }

    /**
     * Where images for this engine's GPU preprocessing are best made: pinned blocks that the upload reads by
     * DMA, recycled among the images of every context of this engine. Images still open when the engine is
     * freed give their blocks straight back to CUDA when they close.
     */
    synchronized PixelMemory pixelMemory() {
        if (released) {
            throw new IllegalStateException("the engine was freed with its last context; load the plan again");
        }
        if (pixelMemory == null) {
            pixelMemory = resources.add(new RecyclingPixelMemory(PinnedPixelMemory.INSTANCE, MAX_IDLE_PIXEL_BYTES));
        }
        return pixelMemory;
    }

    /** Called once by each context as it closes; the last one frees the engine, then the runtime. */
    synchronized void release() {
        if (--openContexts == 0) {
            released = true;
            resources.close();
        }
    }

    List<IoSpec> tensors() {
        return tensors;
    }

    TrtLogger logger() {
        return logger;
    }

    EngineDescription describe() {
        List<ShapeProfile> profiles = new ArrayList<>();
        if (engine.getNbOptimizationProfiles() > 0) {
            for (IoSpec in : tensors) {
                if (in.input() && in.info().isDynamic()) {
                    profiles.add(new ShapeProfile(in.name(), shapeOf(engine.getProfileShape(in.name(), 0, OptProfileSelector.kMIN)),
                            shapeOf(engine.getProfileShape(in.name(), 0, OptProfileSelector.kOPT)),
                            shapeOf(engine.getProfileShape(in.name(), 0, OptProfileSelector.kMAX))));
                }
            }
        }
        List<String> layers = new ArrayList<>();
        int count = engine.getNbLayers();
        try (IEngineInspector inspector = logger.check(engine.createEngineInspector(), "createEngineInspector")) {
            for (int i = 0; i < count; i++) {
                layers.add(inspector.getLayerInformation(i, LayerInformationFormat.kONELINE).strip());
            }
        }
        return new EngineDescription(infos(true), infos(false), profiles, count, engine.getDeviceMemorySizeV2(), layers);
    }

    List<TensorInfo> infos(boolean inputs) {
        return tensors.stream().filter(t -> t.input() == inputs).map(IoSpec::info).toList();
    }

    static long[] shapeOf(Dims64 d) {
        try (d) {
            return Dims.toArray(d);
        }
    }
}
