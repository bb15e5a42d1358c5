package dev.trtpipe.api;

import java.nio.file.Path;

/**
 * A darknet {@code .cfg} was given without its {@code .weights}. Carries the cfg, so that a caller can say
 * how its users give weights (the command line names its flag).
 */
public final class MissingWeightsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Path cfg;

    /** @param cfg the cfg that came without weights */
    public MissingWeightsException(Path cfg) {
        super(cfg + ": a darknet .cfg needs its .weights file too");
        this.cfg = cfg;
    }

    /** @return the cfg that came without weights */
    public Path cfg() {
        return cfg;
    }
}
