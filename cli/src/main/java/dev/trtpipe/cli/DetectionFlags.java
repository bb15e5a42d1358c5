package dev.trtpipe.cli;

import dev.trtpipe.darknet.NmsKind;
import dev.trtpipe.detect.DetectorSettings;
import dev.trtpipe.detect.postprocess.PostprocessSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * detect's post-processing flags ({@code --thresh --nms --letterbox --resize --nms-kind --names}), parsed once
 * into the {@link DetectorSettings} they give; {@code eval} takes {@code --thresh} and {@code --names} from here too.
 *
 * @param settings  the darknet detector's settings with the flags applied
 * @param threshold {@code --thresh} when given: a TAO detector's pre-cluster threshold replaces its config's only then
 * @param names     {@code --names}
 */
record DetectionFlags(DetectorSettings settings, Optional<Float> threshold, Optional<Path> names) {

    /** A score threshold: 1 would keep nothing. */
    static final ValueType<Float> THRESHOLD = Values.floatIn(0, true, 1, false);
    /** An overlap threshold: 0 would suppress every overlapping box. */
    static final ValueType<Float> OVERLAP = Values.floatIn(0, false, 1, true);
    private static final ValueType<NmsKind> NMS_KIND = Values.choice("must be default, greedynms or diounms",
            Arrays.stream(NmsKind.values()).collect(Collectors.toMap(NmsKind::cfgName, k -> k)));

    static Options addTo(Options o) {
        return o.addOption(namesOption("class names, one per line (e.g. coco.names); default: the one .names file beside the model"
                        + " with as many names as it has classes, else class numbers"))
                .addOption(thresholdOption("objectness and class-probability threshold (default " + PostprocessSettings.DEFAULT_THRESHOLD
                        + "); for a TAO detector every class's pre-cluster-threshold (default: the nvinfer config's)"))
                .addOption(CommonOptions.value("nms", "T", OVERLAP, "NMS overlap threshold (default "
                        + PostprocessSettings.DEFAULT_NMS_THRESHOLD + ")"))
                .addOption(Option.builder().longOpt("letterbox").desc("keep the aspect ratio, pad with grey (default: the model's letter_box)").get())
                .addOption(Option.builder().longOpt("resize").desc("stretch the image to the input size (default: the model's letter_box)").get())
                .addOption(CommonOptions.value("nms-kind", "KIND", NMS_KIND, "default | greedynms | diounms (default: the model's nms_kind)"));
    }

    /** {@code --thresh T}, described for the command that takes it. */
    static Option thresholdOption(String description) {
        return CommonOptions.value("thresh", "T", THRESHOLD, description);
    }

    /** {@code --names FILE}, described for the command that takes it. */
    static Option namesOption(String description) {
        return CommonOptions.path("names", "FILE", description);
    }

    static DetectionFlags parse(CommandLine line) throws UsageException {
        if (line.hasOption("letterbox") && line.hasOption("resize")) {
            throw new UsageException("--letterbox and --resize exclude each other; pick one");
        }
        Optional<Float> threshold = Values.get(line, "thresh");
        DetectorSettings s = DetectorSettings.defaults()
                .withThreshold(threshold.orElse(PostprocessSettings.DEFAULT_THRESHOLD))
                .withNmsThreshold(Values.get(line, "nms", PostprocessSettings.DEFAULT_NMS_THRESHOLD));
        if (line.hasOption("letterbox") || line.hasOption("resize")) {
            s = s.withLetterbox(line.hasOption("letterbox"));
        }
        Optional<NmsKind> kind = Values.get(line, "nms-kind");
        if (kind.isPresent()) {
            s = s.withNmsKind(kind.get());
        }
        return new DetectionFlags(s, threshold, Values.get(line, "names"));
    }
}
