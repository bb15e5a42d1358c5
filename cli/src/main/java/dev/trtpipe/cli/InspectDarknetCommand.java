package dev.trtpipe.cli;

import dev.trtpipe.darknet.Activation;
import dev.trtpipe.darknet.DarknetModel;
import dev.trtpipe.darknet.DarknetWeights;
import dev.trtpipe.darknet.Layer;
import dev.trtpipe.darknet.WeightsSizeCheck;
import java.io.PrintStream;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code trtpipe inspect-darknet}: the layer table of a cfg and, with weights, the size verdict. */
final class InspectDarknetCommand implements Command {

    @Override
    public String name() {
        return "inspect-darknet";
    }

    @Override
    public String summary() {
        return "print a darknet cfg's layers and shapes, and check a weights file's size";
    }

    @Override
    public Options options() {
        return new Options()
                .addOption(Option.builder().longOpt("cfg").hasArg().converter(Values.PATH).argName("file").desc("darknet .cfg (required)").get())
                .addOption(Option.builder().longOpt("weights").hasArg().converter(Values.PATH).argName("file")
                        .desc("darknet .weights to check against the cfg (exit 1 unless EXACT)").get())
                .addOption(CommonOptions.memoryLimit());
    }

    @Override
    public int run(CommandLine line, Console console) throws Exception {
        DarknetModel model = DarknetModel.parse(CommonOptions.requiredPath(line, "cfg"), CommonOptions.memoryLimitBytes(line));
        model.warnings().forEach(console::warn);
        PrintStream out = console.out();
        out.printf("%s: input %dx%dx%d (CxHxW)%s, %d layers, %d weights%n", model.fileName(), model.net().channels(),
                model.net().height(), model.net().width(), model.net().letterBox() ? ", letter_box" : "",
                model.layers().size(), model.weightCount());
        out.printf("%5s  %-15s %-13s %-10s %10s  %s%n", "index", "type", "output", "activation", "weights", "parameters");
        for (Layer layer : model.layers()) {
            String activation = layer.outputActivation().map(Activation::cfgName).orElse("");
            out.printf("%5d  %-15s %-13s %-10s %10s  %s%n", layer.index(), layer.type(), layer.output(),
                    activation, layer.weightCount() == 0 ? "" : String.valueOf(layer.weightCount()), layer.parameters());
        }
        model.detectionSpec().ifPresent(spec -> out.printf("heads: %s; nms %s%n", spec.heads().stream()
                .map(h -> h.outputName() + " (" + h.gridHeight() + "x" + h.gridWidth() + ")").toList(), spec.nmsKind().cfgName()));
        if (!line.hasOption("weights")) {
            return ExitCode.OK;
        }
        WeightsSizeCheck check = DarknetWeights.check(Values.<Path>get(line, "weights").orElseThrow(), model);
        out.println("weights: " + check.render(LibraryFacts::flag));
        return check.exact() ? ExitCode.OK : ExitCode.BAD_INPUT;
    }
}
