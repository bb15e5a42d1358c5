package dev.trtpipe.trt;

import org.bytedeco.tensorrt.global.nvinfer;

/** The loaded TensorRT library's version as {@code major.minor.patch}. Needs TensorRT loaded. */
final class TrtVersion {

    private TrtVersion() {
    }

    static String runtime() {
        return format(nvinfer.getInferLibVersion());
    }

    /** TensorRT 10 encodes its version as {@code major*10000 + minor*100 + patch}. */
    static String format(int encoded) {
        return (encoded / 10000) + "." + (encoded / 100 % 100) + "." + (encoded % 100);
    }
}
