package dev.trtpipe.trt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed native load into the names of the missing shared libraries and one line saying how
 * to get each. The JVM reports only the first library the dynamic linker could not find, so the
 * other libraries TensorRT needs are also looked up the way {@code ld.so} would (library path,
 * {@code /etc/ld.so.cache}, a bundled copy on the class path) to name everything missing at once.
 */
final class MissingLibraries {

    /** What TensorRT from Java needs at run time, in the order a user should install them. */
    static final List<String> REQUIRED = List.of("libcuda.so.1", "libcudart.so.13", "libnvinfer.so.10",
            "libnvonnxparser.so.10", "libnvinfer_plugin.so.10");

    /** dlopen's wording: "…/libjnicudart.so: libcuda.so.1: cannot open shared object file: …" names the culprit. */
    private static final Pattern CANNOT_OPEN = Pattern.compile("(lib[A-Za-z0-9_+\\-]+\\.so(?:\\.[0-9]+)*): cannot open shared object file");

    private MissingLibraries() {
    }

    /** Library names from the error chain that the linker could not open, then any other required ones not found. */
    static List<String> fromError(Throwable error) {
        Set<String> missing = new LinkedHashSet<>();
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                Matcher m = CANNOT_OPEN.matcher(t.getMessage());
                while (m.find()) {
                    missing.add(m.group(1));
                }
            }
        }
        for (String lib : REQUIRED) {
            if (!findable(lib)) {
                missing.add(lib);
            }
        }
        return List.copyOf(missing);
    }

    /** The one-line user message for a failed load. */
    static String describe(List<String> missing, Throwable error) {
        if (missing.isEmpty()) {
            return "TensorRT is not usable on this host: its native libraries failed to load ("
                    + error.getClass().getSimpleName() + ": " + firstLine(error) + ")";
        }
        // one clause per remedy: "libnvinfer.so.10, libnvonnxparser.so.10 (TensorRT 10: …)"
        Map<String, List<String>> byRemedy = new LinkedHashMap<>();
        for (String lib : missing) {
            byRemedy.computeIfAbsent(howToGet(lib), k -> new ArrayList<>()).add(lib);
        }
        List<String> clauses = new ArrayList<>();
        byRemedy.forEach((remedy, libs) -> clauses.add(String.join(", ", libs) + " (" + remedy + ")"));
        return "TensorRT is not usable on this host: missing " + String.join("; ", clauses)
                + "; trtpipe commands that do not build or run engines still work";
    }

    static String howToGet(String lib) {
        if (lib.startsWith("libcuda.so")) {
            return "the NVIDIA driver; this host has no usable NVIDIA GPU driver";
        }
        if (lib.startsWith("libcudart") || lib.startsWith("libcublas") || lib.startsWith("libnvrtc")) {
            return "the CUDA 13 runtime: install the CUDA toolkit or its runtime libraries and add their folder to LD_LIBRARY_PATH";
        }
        if (lib.startsWith("libcudnn")) {
            return "cuDNN 9: install it and add its folder to LD_LIBRARY_PATH";
        }
        if (lib.startsWith("libnvinfer") || lib.startsWith("libnvonnxparser") || lib.startsWith("libmyelin")) {
            return "TensorRT 10: install it (tar/deb package, or JetPack on Jetson) and add its lib folder to LD_LIBRARY_PATH, or build trtpipe with -Ptrt-redist";
        }
        return "add the folder that holds it to LD_LIBRARY_PATH";
    }

    /** Whether the dynamic linker could find {@code lib}, or JavaCPP could extract a bundled copy. */
    static boolean findable(String lib) {
        for (String var : new String[] {System.getenv("LD_LIBRARY_PATH"), System.getProperty("java.library.path")}) {
            if (var != null) {
                for (String dir : var.split(":")) {
                    if (!dir.isEmpty() && Files.exists(Path.of(dir, lib))) {
                        return true;
                    }
                }
            }
        }
        if (inLdSoCache(lib)) {
            return true;
        }
        // bundled by a -redist jar (org/bytedeco/<preset>/<platform>/libX.so.N)
        for (String preset : new String[] {"tensorrt", "cuda"}) {
            for (String platform : new String[] {"linux-x86_64", "linux-arm64"}) {
                if (MissingLibraries.class.getResource("/org/bytedeco/" + preset + "/" + platform + "/" + lib) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean inLdSoCache(String lib) {
        try {
            // the cache is a binary table of NUL-terminated names and paths: a plain search suffices
            String cache = new String(Files.readAllBytes(Path.of("/etc/ld.so.cache")), StandardCharsets.ISO_8859_1);
            return cache.contains("\0" + lib + "\0") || cache.contains("/" + lib + "\0");
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
