package dev.trtpipe.trt;

import org.bytedeco.cuda.cudart.CUfunc_st;

/** {@code yolo_candidates.cu} compiled by NVRTC and loaded, as {@link DarknetInputKernel} is: once per process. */
final class CandidateKernel {

    static final String SOURCE = "yolo_candidates.cu";
    static final String ENTRY = "yolo_candidates";
    /** Threads per block: one per anchor of one item. */
    static final int BLOCK = 256;

    private static CUfunc_st function;

    private CandidateKernel() {
    }

    /** @throws LinkageError, TensorRtException as {@link DarknetInputKernel#function()} */
    static synchronized CUfunc_st function() {
        if (function == null) {
            function = DarknetInputKernel.load(SOURCE, ENTRY, DarknetInputKernel.deviceArchitecture());
        }
        return function;
    }
}
