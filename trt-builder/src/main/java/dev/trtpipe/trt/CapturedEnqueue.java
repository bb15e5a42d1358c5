package dev.trtpipe.trt;

import static org.bytedeco.cuda.global.cudart.cudaGetLastError;
import static org.bytedeco.cuda.global.cudart.cudaGraphDestroy;
import static org.bytedeco.cuda.global.cudart.cudaGraphExecDestroy;
import static org.bytedeco.cuda.global.cudart.cudaGraphInstantiate;
import static org.bytedeco.cuda.global.cudart.cudaGraphLaunch;
import static org.bytedeco.cuda.global.cudart.cudaStreamBeginCapture;
import static org.bytedeco.cuda.global.cudart.cudaStreamCaptureModeThreadLocal;
import static org.bytedeco.cuda.global.cudart.cudaStreamEndCapture;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.bytedeco.cuda.cudart.CUgraphExec_st;
import org.bytedeco.cuda.cudart.CUgraph_st;

/**
 * One {@code enqueueV3} recorded as a CUDA graph and replayed with a single launch. A small network is
 * dozens of short kernels, and launching them one by one costs the CPU about as long as the GPU takes to
 * run them; a graph launch is one call (trtexec's {@code --useCudaGraph}). The graph holds the tensor
 * addresses and shapes of its capture, so it is only valid until either changes.
 *
 * <p>TensorRT cannot capture every engine (data-dependent shapes, e.g. its NMS layer, or loops); then
 * {@link #capture} returns empty and the caller keeps enqueueing.
 */
final class CapturedEnqueue implements AutoCloseable {

    private final CUgraph_st graph;
    private final CUgraphExec_st exec;

    private CapturedEnqueue(CUgraph_st graph, CUgraphExec_st exec) {
        this.graph = graph;
        this.exec = exec;
    }

    /**
     * Records {@code enqueue} on {@code stream} without running it. Capture is thread-local, so other
     * threads' CUDA calls (other engines in the same process) neither join nor break it.
     */
    static Optional<CapturedEnqueue> capture(CudaStream stream, BooleanSupplier enqueue) {
        if (cudaStreamBeginCapture(stream.handle(), cudaStreamCaptureModeThreadLocal) != 0) {
            cudaGetLastError();
            return Optional.empty();
        }
        boolean enqueued = enqueue.getAsBoolean();
        CUgraph_st graph = new CUgraph_st();
        int ended = cudaStreamEndCapture(stream.handle(), graph);
        if (!enqueued || ended != 0 || graph.isNull()) {
            if (!graph.isNull()) {
                cudaGraphDestroy(graph);
            }
            cudaGetLastError(); // reset the (non-sticky) error of the refused capture, so that later calls do not report it
            return Optional.empty();
        }
        CUgraphExec_st exec = new CUgraphExec_st();
        if (cudaGraphInstantiate(exec, graph, 0L) != 0) {
            cudaGraphDestroy(graph);
            cudaGetLastError();
            return Optional.empty();
        }
        return Optional.of(new CapturedEnqueue(graph, exec));
    }

    void launch(CudaStream stream) {
        Cuda.check(cudaGraphLaunch(exec, stream.handle()), "cudaGraphLaunch");
    }

    @Override
    public void close() {
        if (!exec.isNull()) {
            cudaGraphExecDestroy(exec);
            exec.setNull();
        }
        if (!graph.isNull()) {
            cudaGraphDestroy(graph);
            graph.setNull();
        }
    }
}
