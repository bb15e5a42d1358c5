package dev.trtpipe.trt;

import static org.bytedeco.cuda.global.cudart.cudaGetDeviceCount;
import static org.bytedeco.cuda.global.cudart.cudaGetDeviceProperties;
import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;

import java.util.List;
import java.util.Optional;
import org.bytedeco.cuda.cudart.cudaDeviceProp;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.global.nvinfer_plugin;
import org.bytedeco.tensorrt.global.nvonnxparser;

/**
 * The native half of {@link TrtAvailability}: loads the JNI glue with the TensorRT and CUDA libraries
 * behind it and asks CUDA for a device. Only {@link TrtAvailability} calls it, inside a
 * {@code catch (LinkageError)}.
 */
final class NativeProbe {

    private NativeProbe() {
    }

    static TrtAvailability.Status run() {
        Loader.load(cudart.class);
        Loader.load(nvinfer.class);
        Loader.load(nvonnxparser.class);
        Loader.load(nvinfer_plugin.class);
        String version = TrtVersion.runtime();
        int[] count = new int[1];
        int rc = cudaGetDeviceCount(count);
        if (rc != 0) {
            return new TrtAvailability.Status(false, List.of(), "TensorRT " + version + " loaded, but CUDA cannot use a GPU here "
                    + "(cudaGetDeviceCount: error " + rc + ", " + cudaGetErrorString(rc).getString()
                    + "); install or update the NVIDIA driver (CUDA 13 needs driver 580 or newer)", Optional.of(version), Optional.empty());
        }
        if (count[0] == 0) {
            return new TrtAvailability.Status(false, List.of(), "TensorRT " + version + " loaded, but this host has no CUDA GPU",
                    Optional.of(version), Optional.empty());
        }
        try (cudaDeviceProp prop = new cudaDeviceProp()) {
            Cuda.check(cudaGetDeviceProperties(prop, 0), "cudaGetDeviceProperties");
            return new TrtAvailability.Status(true, List.of(), "", Optional.of(version), Optional.of(prop.name().getString()),
                    Optional.of(prop.major() + "." + prop.minor()));
        }
    }
}
