package dev.trtpipe.uff;

import java.io.IOException;

/** A UFF operation no translator knows: the message names the node, the op and the model, on one line. */
public final class UnsupportedUffOpException extends IOException {

    private final String node;
    private final String operation;

    public UnsupportedUffOpException(String model, String node, String operation, String detail) {
        super(OneLine.of(model + ": UFF node '" + node + "' has operation '" + operation + "', " + detail
                + "; nothing was written (docs/uff.md lists the supported ops)"));
        this.node = node;
        this.operation = operation;
    }

    public String node() {
        return node;
    }

    public String operation() {
        return operation;
    }
}
