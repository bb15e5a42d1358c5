package dev.trtpipe.trt;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.tensorrt.nvinfer.ILogger;

/**
 * TensorRT's logger: keeps errors and warnings so failures (a builder that returns null, a plan that
 * will not deserialize) can be explained in the exception message. TensorRT may log from its own
 * threads, hence the synchronization.
 */
final class TrtLogger extends ILogger {

    private final List<String> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    @Override
    public synchronized void log(Severity severity, String message) {
        switch (severity.intern()) {
            case kINTERNAL_ERROR, kERROR -> errors.add(message.strip());
            case kWARNING -> warnings.add(message.strip());
            default -> { }
        }
    }

    synchronized List<String> errors() {
        return List.copyOf(errors);
    }

    synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** How many errors have been logged so far: a mark for {@link #forgetErrorsAfter}. */
    synchronized int errorCount() {
        return errors.size();
    }

    /**
     * Drops the errors logged since {@code mark}, after an attempt whose failure is expected and handled
     * (a refused CUDA-graph capture), so later messages do not quote them. Errors another thread logged in
     * that window go too; they are only ever used to word messages.
     */
    synchronized void forgetErrorsAfter(int mark) {
        if (mark < errors.size()) {
            errors.subList(mark, errors.size()).clear();
        }
    }

    /** The recorded errors as one line, or {@code fallback} when TensorRT logged none. */
    synchronized String errorLine(String fallback) {
        return errors.isEmpty() ? fallback : String.join(" | ", errors).replace('\n', ' ');
    }

    /** Null results from TensorRT factories mean failure; turn one into an exception with the logged errors. */
    <T> T check(T result, String call) {
        if (result == null) {
            throw new TensorRtException("TensorRT " + call + " failed: " + errorLine("no error was logged"));
        }
        return result;
    }
}
