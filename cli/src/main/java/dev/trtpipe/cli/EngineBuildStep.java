package dev.trtpipe.cli;

import dev.trtpipe.trt.BuildOptions;
import dev.trtpipe.trt.BuildReport;
import dev.trtpipe.trt.EngineBuilder;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.cli.Option;

/**
 * The engine build of {@code onnx2trt}, shared by every command that builds an engine from an ONNX file
 * ({@code onnx2trt}, {@code darknet2trt}): the engine file option and the build with its progress line and
 * summary ({@link BuildFlags} are its flags).
 */
final class EngineBuildStep {

    private EngineBuildStep() {
    }

    /**
     * {@code -e PLAN}, required: checked by the command rather than by Commons CLI, whose required options are
     * reported before malformed values and would make {@code --help} fail.
     */
    static Option engineOption() {
        return Option.builder("e").longOpt("engine").hasArg().argName("PLAN").converter(Values.PATH)
                .desc("the engine file to write (required)").get();
    }

    /** Builds {@code plan} from {@code onnx}, showing progress on stderr, and prints what was written. */
    static BuildReport run(Path onnx, Path plan, BuildOptions options, Console console) throws IOException {
        return EngineBuildRun.run(console, builder -> builder.build(onnx, plan, options));
    }
}
