package dev.trtpipe.detect.backend;

import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.SettingException;
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
            "weights", "pass the darknet .cfg as the model and the .weights with {WEIGHTS}",
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
     * Opens {@code count} instances of {@code request.model()} (through its provider's
     * {@link BackendProvider#openInstances}) and shares them (see {@link SharedBackend}); none is left
     * open when one fails to open.
     */
    public static SharedBackend openShared(BackendRequest request, int count) throws IOException {
        List<InferenceBackend> opened = provider(request, installed()).openInstances(request, count);
        try {
            return SharedBackend.of(opened);
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    /** Makes the next of several instances, knowing the ones already open (the first is empty). */
    @FunctionalInterface
    public interface InstanceOpener {
        InferenceBackend open(List<InferenceBackend> openSoFar) throws IOException;
    }

    /**
     * Opens {@code count} instances one after another; when one fails, the ones already open are closed
     * and the failure is rethrown.
     */
    public static List<InferenceBackend> openEach(int count, InstanceOpener opener) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("at least one instance is needed, got " + count);
        }
        List<InferenceBackend> opened = new ArrayList<>(count);
        try {
            while (opened.size() < count) {
                opened.add(opener.open(List.copyOf(opened)));
            }
            return opened;
        } catch (IOException | RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    private static void closeAll(List<InferenceBackend> backends, Exception primary) {
        for (InferenceBackend backend : backends) {
            try {
                backend.close();
            } catch (RuntimeException closing) {
                primary.addSuppressed(closing);
            }
        }
    }

    /** Opens {@code request.model()} with the first of {@code providers} that accepts it. */
    public static InferenceBackend open(BackendRequest request, List<BackendProvider> providers) throws IOException {
        return provider(request, providers).open(request);
    }

    /** The first of {@code providers} that accepts {@code request}, or why none can. */
    private static BackendProvider provider(BackendRequest request, List<BackendProvider> providers) throws IOException {
        if (!Files.exists(request.model())) {
            throw new NoSuchFileException(request.model().toString());
        }
        for (BackendProvider provider : providers) {
            if (provider.accepts(request)) {
                return provider;
            }
        }
        String known = NOT_YET_WIRED.get(request.extension());
        if (known != null) {
            throw new SettingException(request.model() + ": " + known);
        }
        throw new IllegalArgumentException(request.model() + ": no backend runs '." + request.extension()
                + "' files; installed: " + providers.stream().map(BackendProvider::name).collect(Collectors.joining(", "))
                + " (pass an .onnx model)");
    }
}
