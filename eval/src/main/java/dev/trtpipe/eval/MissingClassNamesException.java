package dev.trtpipe.eval;

import java.nio.file.Path;

/**
 * A darknet image list names no classes, and no class names file was given with it. The message states the fact;
 * a command line names its own option.
 */
public final class MissingClassNamesException extends IllegalArgumentException {

    private final Path dataset;

    public MissingClassNamesException(Path dataset) {
        super(dataset + ": a darknet list file needs the class names; give the class names file (or the .data file)");
        this.dataset = dataset;
    }

    public Path dataset() {
        return dataset;
    }
}
