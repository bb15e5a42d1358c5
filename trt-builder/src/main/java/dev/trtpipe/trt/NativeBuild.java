package dev.trtpipe.trt;

import static org.bytedeco.tensorrt.global.nvinfer.createInferBuilder;
import static org.bytedeco.tensorrt.global.nvinfer.getPluginRegistry;
import static org.bytedeco.tensorrt.global.nvinfer_plugin.initLibNvInferPlugins;
import static org.bytedeco.tensorrt.global.nvonnxparser.createParser;

import dev.trtpipe.detect.SettingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorrt.global.nvinfer.BuilderFlag;
import org.bytedeco.tensorrt.global.nvinfer.DataType;
import org.bytedeco.tensorrt.global.nvinfer.DeviceType;
import org.bytedeco.tensorrt.global.nvinfer.MemoryPoolType;
import org.bytedeco.tensorrt.global.nvinfer.OptProfileSelector;
import org.bytedeco.tensorrt.global.nvinfer.ProfilingVerbosity;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.IBuilder;
import org.bytedeco.tensorrt.nvinfer.IBuilderConfig;
import org.bytedeco.tensorrt.nvinfer.IHostMemory;
import org.bytedeco.tensorrt.nvinfer.ILayer;
import org.bytedeco.tensorrt.nvinfer.INetworkDefinition;
import org.bytedeco.tensorrt.nvinfer.IOptimizationProfile;
import org.bytedeco.tensorrt.nvinfer.ITimingCache;
import org.bytedeco.tensorrt.nvonnxparser.IParser;
import org.bytedeco.tensorrt.nvonnxparser.IParserError;

/**
 * The TensorRT half of {@link EngineBuilder}: ONNX parser → network → builder config → serialized
 * plan. Files are not touched here; the caller writes the plan and caches it gets back.
 */
final class NativeBuild {

    /** Distinct TensorRT warnings passed on to the user; the rest are noise for a CLI. */
    private static final int MAX_WARNINGS = 5;

    record Result(byte[] plan, boolean timingCacheLoaded, byte[] timingCache, int calibrationBatches,
                  Optional<byte[]> calibrationCache, List<String> warnings) {
    }

    private NativeBuild() {
    }

    static Result run(PreparedBuild p, Optional<CalibrationBatches> batches, Optional<byte[]> timingCache, BuildListener listener) {
        BuildOptions o = p.options();
        List<String> warnings = new ArrayList<>();
        try (TrtLogger logger = new TrtLogger()) {
            initLibNvInferPlugins(logger, "");
            loadPluginLibraries(o.pluginLibraries(), logger);
            try (IBuilder builder = logger.check(createInferBuilder(logger), "createInferBuilder");
                 INetworkDefinition network = logger.check(builder.createNetworkV2(0), "createNetworkV2");
                 IParser parser = logger.check(createParser(network, logger), "createParser");
                 IBuilderConfig config = logger.check(builder.createBuilderConfig(), "createBuilderConfig")) {
                listener.phase("parsing " + p.source());
                parse(parser, p, logger);
                configure(builder, config, o, warnings);
                if (o.strictTypes() && o.precision() == Precision.FP16) {
                    requireHalfPrecision(network);
                }
                addProfile(builder, config, p, logger);
                try (TimingCache timing = TimingCache.attach(config, timingCache, logger, warnings);
                     EntropyCalibrator calibrator = attachCalibrator(builder, config, p, batches, listener, logger)) {
                    listener.phase(o.precision() == Precision.INT8 ? "calibrating and building (tactic search)" : "building (tactic search)");
                    IHostMemory serialized = builder.buildSerializedNetwork(network, config);
                    try (serialized) {
                        if (calibrator != null && calibrator.failure().isPresent()) {
                            Throwable e = calibrator.failure().get();
                            throw e instanceof RuntimeException r ? r : new TensorRtException("INT8 calibration failed: " + e.getMessage());
                        }
                        if (serialized == null) {
                            throw buildFailure(p, calibrator, logger);
                        }
                        logger.warnings().stream().distinct().limit(MAX_WARNINGS).forEach(w -> warnings.add("TensorRT: " + w));
                        return new Result(bytes(serialized), timing.loaded(), timing.serialize(),
                                calibrator == null ? 0 : calibrator.batchesServed(),
                                calibrator == null ? Optional.empty() : calibrator.writtenCache(), warnings);
                    }
                }
            }
        }
    }

    private static void loadPluginLibraries(List<Path> libraries, TrtLogger logger) {
        for (Path lib : libraries) {
            if (getPluginRegistry().loadLibrary(lib.toAbsolutePath().toString()) == null) {
                throw new IllegalArgumentException(lib + ": TensorRT could not load this plugin library ("
                        + logger.errorLine("it may be built for another TensorRT version") + ")");
            }
        }
    }

    private static void parse(IParser parser, PreparedBuild p, TrtLogger logger) {
        boolean ok;
        try (BytePointer model = new BytePointer(p.onnx())) {
            ok = p.modelPath().isPresent()
                    ? parser.parse(model, p.onnx().length, p.modelPath().get().toAbsolutePath().toString())
                    : parser.parse(model, p.onnx().length);
        }
        if (ok) {
            return;
        }
        List<OnnxParseException.ParserError> errors = new ArrayList<>();
        for (int i = 0; i < parser.getNbErrors(); i++) {
            IParserError e = parser.getError(i);
            errors.add(new OnnxParseException.ParserError(e.node(), orEmpty(e.nodeName()), orEmpty(e.nodeOperator()),
                    orEmpty(e.desc()).replace('\n', ' ')));
        }
        if (errors.isEmpty()) {
            errors.add(new OnnxParseException.ParserError(-1, "", "", logger.errorLine("the parser gave no reason")));
        }
        throw new OnnxParseException(p.source(), errors);
    }

    private static void configure(IBuilder builder, IBuilderConfig config, BuildOptions o, List<String> warnings) {
        config.setMemoryPoolLimit(MemoryPoolType.kWORKSPACE, o.workspaceBytes());
        config.setProfilingVerbosity(ProfilingVerbosity.kDETAILED); // per-layer detail for inspect-engine
        o.optimizationLevel().ifPresent(config::setBuilderOptimizationLevel);
        switch (o.precision()) {
            case FP32 -> { }
            case FP16 -> {
                if (!builder.platformHasFastFp16()) {
                    warnings.add("this GPU has no fast FP16: the fp16 engine may be no faster than fp32");
                }
                config.setFlag(BuilderFlag.kFP16);
            }
            case INT8 -> {
                if (!builder.platformHasFastInt8()) {
                    warnings.add("this GPU has no fast INT8: the int8 engine may be no faster than fp32");
                }
                config.setFlag(BuilderFlag.kINT8);
                if (o.int8Fp16Fallback()) {
                    config.setFlag(BuilderFlag.kFP16);
                }
            }
        }
        if (o.strictTypes()) {
            // TensorRT 10's successor of tao-converter's kSTRICT_TYPES; layer precisions: requireHalfPrecision
            config.setFlag(BuilderFlag.kOBEY_PRECISION_CONSTRAINTS);
        }
        if (o.dlaCore().isPresent()) {
            int core = o.dlaCore().get();
            int cores = builder.getNbDLACores();
            if (core >= cores) {
                throw new BuildSettingException(BuildSettingException.Setting.DLA_CORE, "DLA core " + core + ": this GPU has " + cores
                        + " DLA cores" + (cores == 0 ? " (DLA exists on Jetson AGX/NX modules); build for the GPU" : "; use 0.." + (cores - 1)));
            }
            config.setDefaultDeviceType(DeviceType.kDLA);
            config.setDLACore(core);
            config.setFlag(BuilderFlag.kGPU_FALLBACK);
        }
    }

    /**
     * With {@code --strict-types -t fp16}, every floating-point layer is asked to run in FP16 (and
     * kOBEY_PRECISION_CONSTRAINTS makes TensorRT honour it): without this TensorRT keeps FP32 kernels
     * wherever they time faster, which on small networks is most of them.
     */
    private static void requireHalfPrecision(INetworkDefinition network) {
        for (int i = 0; i < network.getNbLayers(); i++) {
            ILayer layer = network.getLayer(i);
            boolean floatOutputs = true;
            for (int j = 0; j < layer.getNbOutputs(); j++) {
                floatOutputs &= layer.getOutput(j).getType().intern() == DataType.kFLOAT;
            }
            if (floatOutputs) {
                layer.setPrecision(DataType.kHALF);
            }
        }
    }

    /** One optimization profile covering every profiled input (profiles are owned by the builder). */
    private static void addProfile(IBuilder builder, IBuilderConfig config, PreparedBuild p, TrtLogger logger) {
        if (p.profiles().isEmpty()) {
            return;
        }
        IOptimizationProfile profile = logger.check(builder.createOptimizationProfile(), "createOptimizationProfile");
        for (ShapeProfile s : p.profiles()) {
            setDimensions(profile, s.inputName(), s.min(), s.opt(), s.max(), logger, "-p " + s);
        }
        if (config.addOptimizationProfile(profile) < 0) {
            throw new IllegalArgumentException(p.source() + ": TensorRT rejected the optimization profile " + p.profiles()
                    + " (" + logger.errorLine("no reason given") + ")");
        }
    }

    private static void setDimensions(IOptimizationProfile profile, String input, long[] min, long[] opt, long[] max,
                                      TrtLogger logger, String what) {
        try (Dims64 dMin = Dims.of(min); Dims64 dOpt = Dims.of(opt); Dims64 dMax = Dims.of(max)) {
            boolean ok = profile.setDimensions(input, OptProfileSelector.kMIN, dMin)
                    && profile.setDimensions(input, OptProfileSelector.kOPT, dOpt)
                    && profile.setDimensions(input, OptProfileSelector.kMAX, dMax);
            if (!ok) {
                throw new IllegalArgumentException(what + ": TensorRT rejected these shapes for input '" + input + "' ("
                        + logger.errorLine("no reason given") + ")");
            }
        }
    }

    private static EntropyCalibrator attachCalibrator(IBuilder builder, IBuilderConfig config, PreparedBuild p,
                                                      Optional<CalibrationBatches> batches, BuildListener listener,
                                                      TrtLogger logger) {
        if (p.calibration().isEmpty()) {
            return null;
        }
        PreparedBuild.Calibration c = p.calibration().get();
        EntropyCalibrator calibrator = new EntropyCalibrator(batches, (int) c.batchShape()[0], c.itemSize(), c.existingCache(), listener);
        config.setInt8Calibrator(calibrator);
        if (!p.profiles().isEmpty()) {
            // calibration runs at one fixed shape: the calibration batch at the profile's opt size
            IOptimizationProfile calibration = logger.check(builder.createOptimizationProfile(), "createOptimizationProfile");
            setDimensions(calibration, c.inputName(), c.batchShape(), c.batchShape(), c.batchShape(), logger, "calibration shape");
            if (!config.setCalibrationProfile(calibration)) {
                throw new TensorRtException("TensorRT rejected the calibration shape " + ShapeProfile.format(c.batchShape())
                        + " (" + logger.errorLine("no reason given") + ")");
            }
        }
        return calibrator;
    }

    private static RuntimeException buildFailure(PreparedBuild p, EntropyCalibrator calibrator, TrtLogger logger) {
        if (calibrator != null && calibrator.cacheRejected()) {
            String header = p.calibration().flatMap(PreparedBuild.Calibration::existingCache)
                    .map(b -> CalibrationCache.parse(b, "cache").header()).orElse("?");
            return new SettingException(p.calibration().get().cacheFile().map(Path::toString).orElse("calibration cache")
                    + ": TensorRT " + TrtVersion.runtime() + " did not accept this cache (" + header
                    + ") and must recalibrate: give {CALIBRATION_IMAGES DIR}");
        }
        List<String> errors = new ArrayList<>(new LinkedHashSet<>(logger.errors()));
        return new TensorRtException(p.source() + ": TensorRT could not build the engine: "
                + (errors.isEmpty() ? "no error was logged" : String.join(" | ", errors).replace('\n', ' '))
                + (p.options().workspaceBytes() < BuildOptions.DEFAULT_WORKSPACE ? "; try a larger workspace (-w)" : ""));
    }

    static byte[] bytes(IHostMemory memory) {
        byte[] b = new byte[Math.toIntExact(memory.size())];
        try (BytePointer data = new BytePointer(memory.data())) {
            data.capacity(memory.size()).get(b);
        }
        return b;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The builder's timing cache: loaded from earlier builds when given, serialized after this one. */
    private static final class TimingCache implements AutoCloseable {
        private final ITimingCache cache;
        private final boolean loaded;

        private TimingCache(ITimingCache cache, boolean loaded) {
            this.cache = cache;
            this.loaded = loaded;
        }

        static TimingCache attach(IBuilderConfig config, Optional<byte[]> existing, TrtLogger logger, List<String> warnings) {
            if (existing.isPresent()) {
                try (BytePointer blob = new BytePointer(existing.get())) {
                    ITimingCache cache = config.createTimingCache(blob, existing.get().length);
                    if (cache != null && config.setTimingCache(cache, false)) {
                        return new TimingCache(cache, true);
                    }
                    if (cache != null) {
                        cache.close();
                    }
                }
                warnings.add("the timing cache was written by another TensorRT version or GPU; starting a fresh one");
            }
            ITimingCache fresh = logger.check(config.createTimingCache(null, 0), "createTimingCache");
            if (!config.setTimingCache(fresh, false)) {
                fresh.close();
                throw new TensorRtException("TensorRT setTimingCache failed: " + logger.errorLine("no reason given"));
            }
            return new TimingCache(fresh, false);
        }

        boolean loaded() {
            return loaded;
        }

        byte[] serialize() {
            try (IHostMemory memory = cache.serialize()) {
                return memory == null ? new byte[0] : bytes(memory);
            }
        }

        @Override
        public void close() {
            cache.close();
        }
    }
}
