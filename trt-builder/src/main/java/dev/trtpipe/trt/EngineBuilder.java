package dev.trtpipe.trt;

import dev.trtpipe.darknet.io.AtomicFile;
import dev.trtpipe.darknet.io.AtomicFiles;
import dev.trtpipe.detect.SettingNote;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds TensorRT engines from ONNX models: {@code EngineBuilder.create().build(onnx, plan, options)}.
 *
 * <p>Everything that can be checked without TensorRT (the model parses, dynamic inputs have profiles,
 * INT8 has calibration data, paths exist) is checked first, so such mistakes are reported the same on
 * hosts without a GPU. The plan, its {@link EngineMetadata} sidecar and the timing and calibration
 * caches are written atomically. Instances are immutable; the {@code with}-style methods return copies.
 */
public final class EngineBuilder {

    /** Empty: the model's own darknet preprocessing ({@link DarknetPreprocessing}). */
    private final Optional<CalibrationPreprocessor> preprocessor;
    private final BuildListener listener;

    private EngineBuilder(Optional<CalibrationPreprocessor> preprocessor, BuildListener listener) {
        this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * A builder that prepares calibration images as darknet does for the model being built (resize or
     * letterbox from its {@code DetectionSpec} metadata, see {@link DarknetPreprocessing}), with no progress listener.
     */
    public static EngineBuilder create() {
        return new EngineBuilder(Optional.empty(), BuildListener.NONE);
    }

    /** Replaces the darknet preprocessing of calibration images, for models that expect other input. */
    public EngineBuilder calibrationPreprocessor(CalibrationPreprocessor value) {
        return new EngineBuilder(Optional.of(value), listener);
    }

    public EngineBuilder listener(BuildListener value) {
        return new EngineBuilder(preprocessor, value);
    }

    /** Builds {@code plan} (and {@code plan.json}) from the ONNX file {@code onnx}. */
    public BuildReport build(Path onnx, Path plan, BuildOptions options) throws IOException {
        byte[] bytes = Files.readAllBytes(onnx);
        return build(BuildPreparation.prepare(onnx.toString(), Optional.of(onnx), bytes, plan, options));
    }

    /** Builds from model bytes; {@code sourceName} names the model in messages and the sidecar. */
    public BuildReport build(byte[] onnx, String sourceName, Path plan, BuildOptions options) throws IOException {
        return build(BuildPreparation.prepare(sourceName, Optional.empty(), onnx.clone(), plan, options));
    }

    private BuildReport build(PreparedBuild p) throws IOException {
        // before TensorRT: a model the preprocessing cannot feed is reported on hosts without a GPU too
        Optional<CalibrationBatches> calibration = calibrationBatches(p);
        listener.phase("loading TensorRT");
        TrtAvailability.require();
        TrtAvailability.Status host = TrtAvailability.probe();
        BuildOptions o = p.options();
        long start = System.nanoTime();
        Optional<byte[]> timingCache = o.timingCache().filter(Files::isRegularFile).isPresent()
                ? Optional.of(Files.readAllBytes(o.timingCache().get())) : Optional.empty();
        NativeBuild.Result built = NativeBuild.run(p, calibration, timingCache, listener);
        double seconds = (System.nanoTime() - start) / 1e9;

        listener.phase("writing " + p.plan());
        EngineMetadata metadata = new EngineMetadata(EngineMetadata.FORMAT, Path.of(p.source()).getFileName().toString(),
                p.model().sha256(), o.precision().cliName(), host.tensorRtVersion().orElse("?"), host.gpuName().orElse("?"),
                p.model().inputs().stream().map(EngineMetadata.Tensor::of).toList(),
                p.model().outputs().stream().map(EngineMetadata.Tensor::of).toList(),
                p.profiles().stream().map(ShapeProfile::toString).toList(), seconds, p.model().metadata(),
                host.computeCapability().orElse(""), p.modelPath().map(onnx -> BuildRecipe.of(onnx, o)).orElse(null));
        // the engine and its sidecar appear together or not at all: detect needs both
        new AtomicFiles().add(EngineMetadata.sidecarOf(p.plan()), metadata.toJson()).add(p.plan(), built.plan()).write();

        Optional<Path> timingSaved = Optional.empty();
        if (o.timingCache().isPresent() && built.timingCache().length > 0) {
            AtomicFile.write(o.timingCache().get(), built.timingCache());
            timingSaved = o.timingCache();
        }
        Optional<Path> calibrationSaved = Optional.empty();
        Optional<Path> cacheFile = p.calibration().flatMap(PreparedBuild.Calibration::cacheFile);
        if (cacheFile.isPresent() && built.calibrationCache().isPresent()) {
            AtomicFile.write(cacheFile.get(), built.calibrationCache().get());
            calibrationSaved = cacheFile;
        }
        List<SettingNote> warnings = new ArrayList<>(p.warnings());
        built.warnings().forEach(w -> warnings.add(new SettingNote(w)));
        return new BuildReport(p.plan(), EngineMetadata.sidecarOf(p.plan()), built.plan().length, seconds, metadata,
                built.calibrationBatches(), calibrationSaved, built.timingCacheLoaded(), timingSaved, warnings);
    }

    /** The batches INT8 calibration reads, when it calibrates from images. */
    Optional<CalibrationBatches> calibrationBatches(PreparedBuild p) throws IOException {
        if (p.calibration().isEmpty() || p.calibration().get().imageFolder().isEmpty()) {
            return Optional.empty();
        }
        PreparedBuild.Calibration c = p.calibration().get();
        int channels = (int) c.batchShape()[1], height = (int) c.batchShape()[2], width = (int) c.batchShape()[3];
        CalibrationPreprocessor images = preprocessor.orElseGet(() -> {
            DarknetPreprocessing darknet = DarknetPreprocessing.forModel(p.source(), p.model().metadata());
            darknet.checkFeeds(c.inputName(), channels);
            return darknet;
        });
        return Optional.of(new ImageFolderBatches(c.imageFolder().get(), (int) c.batchShape()[0],
                p.options().maxCalibrationBatches(), c.itemSize(), image -> {
                    try {
                        return images.toTensor(image, channels, height, width);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
    }
}
