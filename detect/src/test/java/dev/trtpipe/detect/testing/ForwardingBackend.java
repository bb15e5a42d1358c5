package dev.trtpipe.detect.testing;

import dev.trtpipe.detect.InferenceBackend;
import dev.trtpipe.detect.TensorInfo;
import java.util.List;
import java.util.Map;

/**
 * A backend that forwards to another, for test doubles that watch or break {@link #infer}. Closing it
 * does not close the delegate (several doubles may share one), it only records the close.
 */
public abstract class ForwardingBackend implements InferenceBackend {

    private final InferenceBackend delegate;
    private volatile boolean closed;

    protected ForwardingBackend(InferenceBackend delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public TensorInfo input() {
        return delegate.input();
    }

    @Override
    public List<TensorInfo> outputs() {
        return delegate.outputs();
    }

    @Override
    public Map<String, String> metadata() {
        return delegate.metadata();
    }

    @Override
    public Map<String, float[]> infer(float[] input, long[] shape) throws Exception {
        if (closed) {
            throw new IllegalStateException("infer on a closed backend");
        }
        return delegate.infer(input, shape);
    }

    @Override
    public void close() {
        closed = true;
    }

    public boolean closed() {
        return closed;
    }
}
