package dev.trtpipe.trt;

import static org.bytedeco.cuda.global.cudart.cudaMemcpyAsync;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyDeviceToHost;
import static org.bytedeco.cuda.global.cudart.cudaMemcpyHostToDevice;

import dev.trtpipe.detect.CandidateFilter;
import dev.trtpipe.detect.OutputArrays;
import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.RgbImage;
import dev.trtpipe.trt.check.ElementType;
import dev.trtpipe.trt.check.TensorData;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.tensorrt.global.nvinfer.DataType;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.bytedeco.tensorrt.nvinfer.IExecutionContext;

/**
 * One execution context of a {@link NativeEngine}, with its own CUDA stream and a device + pinned host
 * buffer per I/O tensor (grown when a larger input shape needs it). Not thread-safe: one inference at a
 * time; other contexts of the same engine may run at the same time.
 *
 * <p>From the second inference at the same input shape on, the network runs as a CUDA graph captured
 * from {@code enqueueV3} (see {@link CapturedEnqueue}) when TensorRT allows it, else by enqueueing.
 */
final class NativeContext implements AutoCloseable {

    private final NativeEngine engine;
    private final TrtLogger logger;
    private final NativeResources resources;
    private final IExecutionContext context;
    private final CudaStream stream;
    private final List<IoTensor> inputs = new ArrayList<>();
    private final List<IoTensor> outputs = new ArrayList<>();
    /** The input shape the context and buffers are set up for; null before the first inference. */
    private long[] preparedShape;
    /** The network at {@link #preparedShape} as a graph: null until captured, or when it cannot be. */
    private CapturedEnqueue graph;
    private boolean graphRefused;
    /** Whether {@link #run} set every shape and address, so the engine can be timed at its inputs' shapes. */
    private boolean ranTyped;
    private boolean closed;
    /** The GPU preprocessing's buffers, made on its first use. */
    private DeviceImages deviceImages;
    /** The candidate prefilter's buffers, made on its first use. */
    private DeviceCandidates candidates;

    private NativeContext(NativeEngine engine, NativeResources resources, IExecutionContext context, CudaStream stream) {
        this.engine = engine;
        this.logger = engine.logger();
        this.resources = resources;
        this.context = context;
        this.stream = stream;
        for (NativeEngine.IoSpec spec : engine.tensors()) {
            (spec.input() ? inputs : outputs).add(resources.add(new IoTensor(spec)));
        }
    }

    /** Takes ownership of {@code context}; on failure it is closed (the caller releases the engine). */
    static NativeContext open(NativeEngine engine, IExecutionContext context) {
        NativeResources resources = new NativeResources();
        try {
            resources.add(context);
            CudaStream stream = resources.add(new CudaStream());
            return new NativeContext(engine, resources, context, stream);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    NativeEngine engine() {
        return engine;
    }

    List<TensorInfo> inputs() {
        return engine.infos(true);
    }

    List<TensorInfo> outputs() {
        return engine.infos(false);
    }

    /** H2D copy, the network, D2H copies, one stream synchronization. */
    Map<String, float[]> infer(float[] input, long[] shape) {
        IoTensor in = floatInput("infer(float[], shape)");
        if (Dims.volume(shape) != input.length) {
            throw new IllegalArgumentException("input has " + input.length + " floats but shape " + ShapeProfile.format(shape)
                    + " needs " + Dims.volume(shape));
        }
        boolean firstAtShape = !Arrays.equals(shape, preparedShape);
        if (firstAtShape) {
            prepare(in, shape);
        }
        in.hostFloats().put(0, input);
        Cuda.check(cudaMemcpyAsync(in.device.address(), in.host.address(), in.byteSize(), cudaMemcpyHostToDevice, stream.handle()),
                "cudaMemcpyAsync(input)");
        runNetwork(firstAtShape);
        return downloadOutputs();
    }

    /**
     * The images' 8-bit planes up, darknet's input made from them on the GPU into the input binding
     * ({@link DeviceImages}), the network, D2H copies, one stream synchronization.
     */
    Map<String, float[]> inferDarknetInputs(List<RgbImage> images, List<ImagePlacement> placements, long[] shape) {
        return inferDarknetInputs(images, placements, shape, null);
    }

    /** As above, the outputs converted into {@code into}'s arrays when given (null: new arrays). */
    Map<String, float[]> inferDarknetInputs(List<RgbImage> images, List<ImagePlacement> placements, long[] shape, OutputArrays into) {
        return inferDarknetInputs(images, placements, shape, into, null);
    }

    /**
     * As above, bringing back only {@code filter}'s candidate anchors of the raw heads it names (null: every output
     * whole); see {@link #downloadOutputs(OutputArrays, CandidateFilter, long)}.
     */
    Map<String, float[]> inferDarknetInputs(List<RgbImage> images, List<ImagePlacement> placements, long[] shape, OutputArrays into,
                                            CandidateFilter filter) {
        IoTensor in = floatInput("inferDarknetInputs");
        if (shape.length != 4 || shape[1] != 3) {
            throw new IllegalArgumentException("darknet's input is N x 3 x H x W, got " + ShapeProfile.format(shape));
        }
        boolean firstAtShape = !Arrays.equals(shape, preparedShape);
        if (firstAtShape) {
            prepare(in, shape);
        }
        if (deviceImages == null) {
            deviceImages = resources.add(new DeviceImages());
        }
        deviceImages.write(images, placements, in.device.address(), shape[0], Math.toIntExact(shape[3]), Math.toIntExact(shape[2]), stream);
        runNetwork(firstAtShape);
        return filter == null ? downloadOutputs(into) : downloadOutputs(into, filter, shape[0]);
    }

    /** The engine's one input, checked to be float: what both inference paths feed. */
    private IoTensor floatInput(String call) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("this engine has " + inputs.size() + " inputs; " + call + " feeds exactly one");
        }
        IoTensor in = inputs.get(0);
        if (in.spec.type() != DataType.kFLOAT) {
            throw new IllegalArgumentException("engine input '" + in.spec.name() + "' is " + HostTensors.onnxName(in.spec.type())
                    + "; trtpipe feeds float");
        }
        return in;
    }

    /** Queues every output's D2H copy, synchronizes, and converts the outputs to float (new arrays). */
    private Map<String, float[]> downloadOutputs() {
        return downloadOutputs(null);
    }

    /** As {@link #downloadOutputs()}, into {@code into}'s arrays when given. */
    private Map<String, float[]> downloadOutputs(OutputArrays into) {
        for (IoTensor out : outputs) {
            enqueueCopyBack(out);
        }
        stream.synchronize();
        Map<String, float[]> result = new LinkedHashMap<>();
        for (IoTensor out : outputs) {
            result.put(out.spec.name(), HostTensors.toFloats(out.host.asBytes(), out.spec.type(), floatsFor(out, into)));
        }
        return result;
    }

    /** Enqueues the copy of {@code out} from the device into its pinned host buffer. */
    private void enqueueCopyBack(IoTensor out) {
        Cuda.check(cudaMemcpyAsync(out.host.address(), out.device.address(), out.byteSize(), cudaMemcpyDeviceToHost, stream.handle()),
                "cudaMemcpyAsync(" + out.spec.name() + ")");
    }

    /** The array {@code out}'s values are converted into: {@code into}'s, when given, else a new one. */
    private static float[] floatsFor(IoTensor out, OutputArrays into) {
        int count = Math.toIntExact(Dims.volume(out.shape));
        return into == null ? new float[count] : into.forOutput(out.spec.name(), count);
    }

    /**
     * The outputs, with the float outputs {@code filter} names (and whose shape is its head's) filtered on the device
     * ({@link DeviceCandidates}): only their candidate anchors come back, written into arrays of the head's full shape
     * as {@link CandidateFilter} describes. A head with more candidates than {@link DeviceCandidates#CAPACITY} in some
     * item, and every other output, is copied whole. Two stream synchronizations: the counts, then the rest.
     */
    private Map<String, float[]> downloadOutputs(OutputArrays into, CandidateFilter filter, long items) {
        List<IoTensor> filtered = new ArrayList<>();
        List<DeviceCandidates.Head> heads = new ArrayList<>();
        for (CandidateFilter.HeadRule rule : filter.heads()) {
            for (IoTensor out : outputs) {
                boolean head = out.spec.name().equals(rule.output()) && Dims.volume(out.shape) == items * rule.itemSize();
                if (head && out.spec.type() == DataType.kFLOAT) { // the kernel reads floats; other types come back whole
                    filtered.add(out);
                    heads.add(new DeviceCandidates.Head(rule, out.device.address()));
                }
            }
        }
        if (heads.isEmpty()) {
            return downloadOutputs(into);
        }
        if (candidates == null) {
            candidates = resources.add(new DeviceCandidates());
        }
        DeviceCandidates.Pending pending = candidates.select(heads, Math.toIntExact(items), stream);
        List<IoTensor> whole = new ArrayList<>();
        for (IoTensor out : outputs) {
            int h = filtered.indexOf(out);
            if (h < 0 || pending.overflowed(h)) {
                whole.add(out);
                enqueueCopyBack(out);
            }
        }
        stream.synchronize();
        Map<String, float[]> result = new LinkedHashMap<>();
        for (IoTensor out : outputs) {
            float[] array = floatsFor(out, into);
            if (whole.contains(out)) {
                HostTensors.toFloats(out.host.asBytes(), out.spec.type(), array);
            } else {
                pending.scatter(filtered.indexOf(out), array);
            }
            result.put(out.spec.name(), array);
        }
        return result;
    }

    /**
     * Feeds every input as given (any element type the engine takes, converted to the engine's type),
     * enqueues once and reads every output in the engine's own type: what {@code trtpipe check} compares.
     * Always enqueues (no graph): a check runs once per shape.
     */
    Map<String, TensorData> run(Map<String, TensorData> given) {
        closeGraph();
        Map<IoTensor, long[]> shapes = new LinkedHashMap<>();
        for (IoTensor in : inputs) {
            TensorData data = given.get(in.spec.name());
            if (data == null) {
                throw new IllegalArgumentException("engine input '" + in.spec.name() + "' was not given; the engine's inputs are "
                        + inputs.stream().map(t -> t.spec.name()).toList());
            }
            shapes.put(in, data.shape());
        }
        setShapes(shapes); // infer() sets its own shapes up again after this
        for (IoTensor in : inputs) {
            byte[] bytes = given.get(in.spec.name()).as(elementType(in.spec)).bytes();
            in.host.asBytes().put(bytes, 0, bytes.length);
            Cuda.check(cudaMemcpyAsync(in.device.address(), in.host.address(), bytes.length, cudaMemcpyHostToDevice, stream.handle()),
                    "cudaMemcpyAsync(" + in.spec.name() + ")");
        }
        ranTyped = true;
        enqueue();
        for (IoTensor out : outputs) {
            Cuda.check(cudaMemcpyAsync(out.host.address(), out.device.address(), out.byteSize(), cudaMemcpyDeviceToHost, stream.handle()),
                    "cudaMemcpyAsync(" + out.spec.name() + ")");
        }
        stream.synchronize();
        Map<String, TensorData> result = new LinkedHashMap<>();
        for (IoTensor out : outputs) {
            byte[] bytes = new byte[Math.toIntExact(out.byteSize())];
            out.host.asBytes().get(bytes, 0, bytes.length);
            result.put(out.spec.name(), new TensorData(elementType(out.spec), out.shape, bytes));
        }
        return result;
    }

    private static ElementType elementType(NativeEngine.IoSpec spec) {
        return ElementType.fromOnnxName(HostTensors.onnxName(spec.type()), "engine tensor '" + spec.name() + "'");
    }

    /**
     * Enqueues at a new shape (TensorRT finishes its shape-dependent setup there, which a capture must not
     * record); at a shape seen before, captures once and launches the graph from then on.
     */
    private void runNetwork(boolean firstAtShape) {
        if (firstAtShape) {
            closeGraph();
            enqueue();
            return;
        }
        if (graph == null && !graphRefused) {
            int mark = logger.errorCount();
            graph = CapturedEnqueue.capture(stream, () -> context.enqueueV3(stream.handle())).orElse(null);
            graphRefused = graph == null;
            logger.forgetErrorsAfter(mark); // a refused capture is logged as an error; it is not one for later calls
        }
        if (graph != null) {
            graph.launch(stream);
        } else {
            enqueue();
        }
    }

    /** Engine-only latency (enqueue + synchronize) in milliseconds, at the shapes of the last {@link #infer}. */
    double[] timeEnqueue(int warmup, int iterations) {
        requirePrepared();
        return time(warmup, iterations, this::enqueue);
    }

    /**
     * Engine-only latency as {@link #infer} runs the network: graph launch + synchronize, in milliseconds;
     * empty when the engine cannot be captured. Needs two {@link #infer} calls at the current shape first.
     */
    Optional<double[]> timeGraphLaunch(int warmup, int iterations) {
        requirePrepared();
        return graph == null ? Optional.empty() : Optional.of(time(warmup, iterations, () -> graph.launch(stream)));
    }

    private double[] time(int warmup, int iterations, Runnable run) {
        for (int i = 0; i < warmup; i++) {
            run.run();
            stream.synchronize();
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            run.run();
            stream.synchronize();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    private void requirePrepared() {
        if (preparedShape == null && !ranTyped) {
            throw new IllegalStateException("call infer or run once before timing, so shapes and buffers are set");
        }
    }

    private void closeGraph() {
        if (graph != null) {
            graph.close();
            graph = null;
        }
        graphRefused = false;
    }

    private void prepare(IoTensor in, long[] shape) {
        setShapes(Map.of(in, shape));
        preparedShape = shape.clone();
    }

    /**
     * Gives each input in {@code shapes} its shape, sizes every buffer for it and binds every address. The
     * caller marks the context prepared afterwards: a failure here must not leave stale addresses in use.
     */
    private void setShapes(Map<IoTensor, long[]> shapes) {
        preparedShape = null;
        ranTyped = false;
        for (Map.Entry<IoTensor, long[]> e : shapes.entrySet()) {
            IoTensor in = e.getKey();
            try (Dims64 dims = Dims.of(e.getValue())) {
                if (!context.setInputShape(in.spec.name(), dims)) {
                    throw new SettingException("input shape " + ShapeProfile.format(e.getValue()) + " does not fit engine input '"
                            + in.spec.name() + "' " + ProfileResolver.dims(in.spec.engineShape()) + " ("
                            + logger.errorLine("outside its optimization profile") + "); rebuild with a {SHAPE_PROFILE} profile that covers it,"
                            + " or run it at a shape inside its profile");
                }
            }
            in.resize(e.getValue());
        }
        for (IoTensor out : outputs) {
            long[] s = NativeEngine.shapeOf(context.getTensorShape(out.spec.name()));
            if (Arrays.stream(s).anyMatch(d -> d < 0)) {
                throw new IllegalArgumentException("output '" + out.spec.name() + "' has a data-dependent shape " + ProfileResolver.dims(s)
                        + "; trtpipe runs engines whose output shapes follow from the input shape");
            }
            out.resize(s);
        }
        for (IoTensor t : inputs) {
            context.setTensorAddress(t.spec.name(), t.device.address());
        }
        for (IoTensor t : outputs) {
            context.setTensorAddress(t.spec.name(), t.device.address());
        }
    }

    private void enqueue() {
        if (!context.enqueueV3(stream.handle())) {
            throw new TensorRtException("TensorRT enqueueV3 failed: " + logger.errorLine("no error was logged"));
        }
    }

    /** Frees this context's graph, buffers, stream and execution context, then lets go of the engine. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeGraph();
            resources.close();
        } finally {
            engine.release();
        }
    }

    /** One engine I/O tensor with this context's buffers, sized for the current shape. */
    private static final class IoTensor implements AutoCloseable {
        final NativeEngine.IoSpec spec;
        long[] shape;
        DeviceBuffer device;
        PinnedBuffer host;
        private FloatBuffer hostFloats;

        IoTensor(NativeEngine.IoSpec spec) {
            this.spec = spec;
        }

        /** The pinned buffer as floats, made once per buffer rather than once per inference. */
        FloatBuffer hostFloats() {
            if (hostFloats == null) {
                hostFloats = host.asBytes().asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer();
            }
            return hostFloats;
        }

        long byteSize() {
            return Dims.volume(shape) * HostTensors.elementSize(spec.type());
        }

        void resize(long[] newShape) {
            shape = newShape.clone();
            long bytes = byteSize();
            if (device == null || device.bytes() < bytes) {
                close();
                device = new DeviceBuffer(bytes);
                host = new PinnedBuffer(bytes);
                hostFloats = null;
            }
        }

        @Override
        public void close() {
            if (device != null) {
                device.close();
                host.close();
                device = null;
                host = null;
            }
        }
    }
}
