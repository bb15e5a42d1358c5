package dev.trtpipe.detect.backend;

import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.SharedBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Picks the backend for a model file among the installed {@link BackendProvider}s. A model kind trtpipe
 * knows but this build cannot run yet gets an error saying what is missing instead of a stand-in.
 */
public final class Backends {

    private static final String TENSORRT_MISSING = "running a TensorRT engine needs the TensorRT backend of trtpipe's"
            + " trt-builder module, which is not on the class path; add it, or pass the .onnx the engine was built from"
            + " (ONNX Runtime, CPU)";

    /** Known model kinds without a provider in this build, by extension: what the user has to do instead. */
    private static final Map<String, String> NOT_YET_WIRED = Map.of(
            "cfg", "running a darknet .cfg directly needs the darknet-to-ONNX route, which the trtpipe command line"
                    + " registers (not this library alone); convert the model with 'trtpipe darknet2onnx' and pass the .onnx",
            "weights", "pass the darknet .cfg as the model and the .weights with --weights",
            "engine", TENSORRT_MISSING,
            "plan", TENSORRT_MISSING);

    private Backends() {
    }

    /** Providers on the class path, in {@link ServiceLoader} order. */
    public static List<BackendProvider> installed() {
        return ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
    }

    /** Opens {@code request.model()} with the first installed provider that accepts it. */
    public static InferenceBackend open(BackendRequest request) throws IOException {
        return open(request, installed());
    }

    /**
     * Opens {@code count} instances of {@code request.model()} and shares them (see {@link SharedBackend});
     * none is left open when one fails to open.
     */
    public static SharedBackend openShared(BackendRequest request, int count) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("a shared backend needs at least one instance, got " + count);
        }
        List<InferenceBackend> opened = new ArrayList<>(count);
        try {
            while (opened.size() < count) {
                opened.add(open(request));
            }
            return SharedBackend.of(opened);
        } catch (IOException | RuntimeException e) {
            for (InferenceBackend backend : opened) {
                try {
                    backend.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    /** Opens {@code request.model()} with the first of {@code providers} that accepts it. */
    public static InferenceBackend open(BackendRequest request, List<BackendProvider> providers) throws IOException {
        if (!Files.exists(request.model())) {
            throw new NoSuchFileException(request.model().toString());
        }
        for (BackendProvider provider : providers) {
            if (provider.accepts(request)) {
                return provider.open(request);
            }
        }
        String known = NOT_YET_WIRED.get(request.extension());
        if (known != null) {
            throw new IllegalArgumentException(request.model() + ": " + known);
        }
        throw new IllegalArgumentException(request.model() + ": no backend runs '." + request.extension()
                + "' files; installed: " + providers.stream().map(BackendProvider::name).collect(Collectors.joining(", "))
                + " (pass an .onnx model)");
    }
}
