package dev.trtpipe.cli;

import dev.trtpipe.trt.BuildReport;
import dev.trtpipe.trt.EngineBuilder;
import java.io.IOException;
import java.util.Locale;

/**
 * An engine build as every engine-writing command shows it ({@code onnx2trt}, {@code tao-convert}): one
 * redrawn progress line on stderr while TensorRT works, then the build's warnings and one line per file
 * written on stdout.
 */
final class EngineBuildRun {

    /** The build itself, given a builder that reports its phases to the progress line. */
    @FunctionalInterface
    interface Build {
        BuildReport run(EngineBuilder builder) throws IOException;
    }

    private EngineBuildRun() {
    }

    static BuildReport run(Console console, Build build) throws IOException {
        BuildReport report;
        try (ProgressTicker ticker = new ProgressTicker(console.err())) {
            report = build.run(EngineBuilder.create().listener(ticker::phase));
        }
        console.warnAll(report.notes().stream().map(n -> n.render(LibraryFacts::flag)).toList());
        console.out().printf(Locale.ROOT, "wrote %s (%.1f MB, %s, TensorRT %s, %s) in %.1f s%n", report.plan(),
                report.planBytes() / 1e6, report.metadata().precision(), report.metadata().tensorRtVersion(),
                report.metadata().gpuName(), report.buildSeconds());
        console.out().println("wrote " + report.sidecar());
        report.calibrationCacheWritten().ifPresent(c -> console.out().println("wrote calibration cache " + c
                + " (" + report.calibrationBatches() + " batches)"));
        report.timingCacheSaved().ifPresent(t -> console.out().println((report.timingCacheLoaded() ? "updated" : "wrote")
                + " timing cache " + t));
        return report;
    }
}
