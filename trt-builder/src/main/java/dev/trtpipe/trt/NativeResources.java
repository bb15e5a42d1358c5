package dev.trtpipe.trt;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Native objects closed in reverse order of acquisition. TensorRT needs that order (an execution
 * context before its engine, the engine before its runtime), and a failure half-way through setting
 * up must release what was already acquired.
 */
final class NativeResources implements AutoCloseable {

    private final Deque<AutoCloseable> stack = new ArrayDeque<>();

    <T extends AutoCloseable> T add(T resource) {
        stack.push(resource);
        return resource;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        while (!stack.isEmpty()) {
            try {
                stack.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
