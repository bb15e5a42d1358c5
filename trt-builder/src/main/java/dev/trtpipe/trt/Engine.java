package dev.trtpipe.trt;

import dev.trtpipe.detect.CandidateFilter;
import dev.trtpipe.detect.DarknetInputBackend;
import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.OutputArrays;
import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.PixelMemory;
import dev.trtpipe.detect.preprocess.RgbImage;
import dev.trtpipe.trt.check.TensorData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A TensorRT engine loaded from a plan file, ready to run: the {@link InferenceBackend} that
 * {@code detect --model x.plan} uses. The sidecar ({@code x.plan.json}) supplies the model metadata
 * and lets a plan from another TensorRT version be reported before TensorRT tries to load it.
 *
 * <p>Not thread-safe: one {@link #infer} at a time; for inferences at the same time, take more instances
 * with {@link #newInstance()}, which share the weights. Close every instance to free GPU memory.
 */
public final class Engine implements InferenceBackend, DarknetInputBackend {

    private final Path plan;
    private final Optional<EngineMetadata> sidecar;
    private final NativeContext runtime;
    private final List<String> warnings;

    private Engine(Path plan, Optional<EngineMetadata> sidecar, NativeContext runtime, List<String> warnings) {
        this.plan = plan;
        this.sidecar = sidecar;
        this.runtime = runtime;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Loads {@code plan} (and its sidecar, when present).
     *
     * @throws TrtUnavailableException without TensorRT or a GPU
     * @throws IllegalArgumentException for an empty plan, a malformed sidecar, or a plan from another TensorRT version
     * @throws TensorRtException when TensorRT refuses the plan (damaged, other GPU); the message says which
     */
    public static Engine load(Path plan) throws IOException {
        byte[] bytes = Files.readAllBytes(plan);
        if (bytes.length == 0) {
            throw new IllegalArgumentException(plan + ": the engine file is empty; rebuild it with trtpipe onnx2trt");
        }
        Optional<EngineMetadata> sidecar = EngineMetadata.readFor(plan);
        TrtAvailability.require();
        TrtAvailability.Status host = TrtAvailability.probe();
        List<String> warnings = new ArrayList<>();
        if (sidecar.isPresent()) {
            checkBuiltHere(plan, sidecar.get(), host, warnings);
        }
        return new Engine(plan, sidecar, NativeEngine.load(bytes, plan.toString()), warnings);
    }

    /**
     * Reports an engine from another TensorRT version or GPU generation plainly (TensorRT's own message is an
     * assertion text); another GPU model of the same generation only warns. See {@link EngineFreshness}.
     */
    static void checkBuiltHere(Path plan, EngineMetadata built, TrtAvailability.Status host, List<String> warnings) {
        Optional<String> stale = EngineFreshness.staleReason(built, host);
        if (stale.isPresent()) {
            // a recorded recipe can also be repeated by the command line's detect, which a Java caller cannot run
            String detectRebuilds = built.buildRecipe().isPresent() ? " (or run detect with {REBUILD})" : "";
            throw new SettingException(plan + ": " + stale.get() + ": rebuild with " + EngineFreshness.rebuildCommand(plan, built),
                    detectRebuilds);
        }
        EngineFreshness.warning(plan, built, host).ifPresent(warnings::add);
    }

    /**
     * Another instance of this engine for running at the same time: its own execution context, CUDA
     * stream and buffers, over the same weights on the GPU (trtexec's {@code --streams}). Close each
     * instance; the weights are freed with the last one.
     *
     * @throws IllegalStateException this engine and every other instance of it are closed
     */
    public Engine newInstance() {
        return new Engine(plan, sidecar, runtime.engine().openContext(), warnings);
    }

    public Path plan() {
        return plan;
    }

    public Optional<EngineMetadata> sidecar() {
        return sidecar;
    }

    /** Notes from loading (e.g. a plan built on another GPU model). */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String name() {
        return "tensorrt";
    }

    @Override
    public TensorInfo input() {
        return runtime.inputs().get(0);
    }

    /** A fixed batch as built; a dynamic one up to its profile's max (from the sidecar), so {@code --batch} is checked before a call fails. */
    @Override
    public long maxBatch() {
        long fixed = input().shape()[0];
        if (fixed > 0) {
            return fixed;
        }
        return sidecar.flatMap(m -> profileMaxBatch(m, input().name())).orElse(Long.MAX_VALUE);
    }

    /** The max batch of {@code input}'s profile in a sidecar; empty when none is recorded. */
    static Optional<Long> profileMaxBatch(EngineMetadata metadata, String input) {
        return metadata.profiles().stream().map(ShapeProfile::parse).filter(p -> p.inputName().equals(input))
                .map(p -> p.max()[0]).findFirst();
    }

    public List<TensorInfo> inputs() {
        return runtime.inputs();
    }

    @Override
    public List<TensorInfo> outputs() {
        return runtime.outputs();
    }

    @Override
    public Map<String, String> metadata() {
        return sidecar.map(EngineMetadata::modelMetadata).orElse(Map.of());
    }

    /**
     * Copies the input to the GPU, runs the engine and copies every output back. The first call at an
     * input shape enqueues ({@code enqueueV3}); later calls at that shape replay it as a CUDA graph when
     * TensorRT can capture the engine.
     */
    @Override
    public Map<String, float[]> infer(float[] input, long[] shape) {
        return runtime.infer(input, shape);
    }

    /**
     * Like {@link #infer}, but with darknet's input made on the GPU from the 8-bit images, straight into the
     * input binding ({@link GpuPreprocessing}): the images go up instead of their float tensors. Check
     * {@link GpuPreprocessing#unavailableReason()} first; without NVRTC this fails.
     */
    @Override
    public Map<String, float[]> inferDarknetInputs(List<RgbImage> images, List<ImagePlacement> placements, long[] shape) {
        return runtime.inferDarknetInputs(images, placements, shape);
    }

    /** Like {@link #inferDarknetInputs(List, List, long[])}, the outputs converted into {@code into}'s arrays. */
    @Override
    public Map<String, float[]> inferDarknetInputs(List<RgbImage> images, List<ImagePlacement> placements, long[] shape, OutputArrays into) {
        return runtime.inferDarknetInputs(images, placements, shape, into);
    }

    /**
     * Like the above, with only {@code filter}'s candidate anchors of the raw YOLO heads copied back from the GPU
     * (the counts and compacted records a kernel writes after the network; a head whose candidates overflow the
     * buffer is copied whole for that batch). The decode reads the same values for every anchor it keeps.
     */
    @Override
    public Map<String, float[]> inferDarknetInputs(List<RgbImage> images, List<ImagePlacement> placements, long[] shape, OutputArrays into,
                                                   CandidateFilter filter) {
        return runtime.inferDarknetInputs(images, placements, shape, into, filter);
    }

    /**
     * Pinned memory shared by every instance of this engine: images made in it go up to the GPU by DMA straight
     * from their planes, without a copy into the staging buffer first (see {@link DeviceImages}).
     */
    @Override
    public PixelMemory pixelMemory() {
        return runtime.engine().pixelMemory();
    }

    /**
     * Runs the engine once on every input, given by name in any element type (converted to the engine's),
     * and returns every output in the engine's own element type: {@code trtpipe check}'s path, for
     * engines with several or non-float inputs.
     */
    public Map<String, TensorData> run(Map<String, TensorData> inputs) {
        return runtime.run(inputs);
    }

    /**
     * Engine-only latencies in milliseconds: {@code enqueueV3} + stream synchronize, no copies, at the
     * shapes of the last {@link #infer} or {@link #run} call (for comparing against their own cost).
     */
    public double[] timeEngineOnly(int warmup, int iterations) {
        return runtime.timeEnqueue(warmup, iterations);
    }

    /**
     * Engine-only latencies in milliseconds as {@link #infer} runs the network from its second call at a
     * shape on: CUDA graph launch + stream synchronize, no copies; empty when TensorRT cannot capture
     * this engine (then {@link #infer} enqueues, and {@link #timeEngineOnly} is the matching figure).
     */
    public Optional<double[]> timeGraphLaunch(int warmup, int iterations) {
        return runtime.timeGraphLaunch(warmup, iterations);
    }

    /** I/O, profiles, layer count and per-layer information (TensorRT's engine inspector). */
    public EngineDescription describe() {
        return runtime.engine().describe();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
