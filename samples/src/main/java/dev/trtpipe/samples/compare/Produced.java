package dev.trtpipe.samples.compare;

import java.nio.file.Path;

/** A step and the file it leaves for the next one. */
record Produced(Step step, Path file) {
}
