package dev.trtpipe.cli;

import dev.trtpipe.api.MissingWeightsException;
import dev.trtpipe.detect.SettingException;
import dev.trtpipe.detect.SettingFact;
import dev.trtpipe.detect.backend.WeightsNotNeededException;
import dev.trtpipe.eval.MissingClassNamesException;
import dev.trtpipe.trt.BuildSettingException;
import dev.trtpipe.trt.OnnxParseException;
import dev.trtpipe.trt.check.UnknownInputException;
import java.util.Optional;

/**
 * The libraries' exceptions that state a fact about a setting, worded with the command line's flag for it: the
 * libraries know no flags ({@code BuildOptions.pluginLibraries}, not {@code --plugin}), the command line does.
 * One case per exception type.
 */
final class LibraryFacts {

    private LibraryFacts() {
    }

    /** The message naming the flag, or empty when {@code t} is no such fact. */
    static Optional<String> withFlags(Throwable t) {
        if (t instanceof MissingWeightsException e) {
            return Optional.of(e.cfg() + ": a darknet .cfg needs its weights; pass --weights FILE.weights");
        }
        if (t instanceof WeightsNotNeededException e) {
            return Optional.of(e.model() + ": " + e.modelKind() + " carries its weights; --weights is only for a darknet .cfg");
        }
        if (t instanceof SettingException e) {
            return Optional.of(e.render(LibraryFacts::flag));
        }
        if (t instanceof SettingFact f) {
            // any other exception type that states a setting fact: one line, as ErrorMessages writes every message
            return Optional.of(f.render(LibraryFacts::flag).strip().replace('\n', ' '));
        }
        if (t instanceof BuildSettingException e) {
            return Optional.of(buildSetting(e));
        }
        if (t instanceof UnknownInputException e) {
            String flag = e.setting() == UnknownInputException.Setting.INPUT_FILE ? "--input " + e.input() + "=…" : "--range " + e.input() + ":…";
            return Optional.of(flag + ": the model has no input '" + e.input() + "'; its inputs are " + e.inputs());
        }
        if (t instanceof OnnxParseException e) {
            return Optional.of(e.problem() + "; fix or replace these nodes (or register their plugin with --plugin)");
        }
        if (t instanceof MissingClassNamesException e) {
            return Optional.of(e.dataset() + ": a darknet list file needs the class names; add --names FILE (or pass the .data file)");
        }
        return Optional.empty();
    }

    /** The command line's flag for a library setting, as a {@link SettingException} message writes it. */
    static String flag(SettingException.Setting setting) {
        return switch (setting) {
            case BATCH_SIZE, BATCH_PROFILE -> "--batch";
            case DYNAMIC_BATCH -> "--dynamic-batch";
            case GPU_PREPROCESS -> "--gpu-preprocess";
            case PRECISION -> "-t";
            case CALIBRATION_IMAGES -> "--calib-images";
            case CALIBRATION_CACHE -> "--calib-cache";
            case HEAD -> "--head";
            case SCORE_THRESHOLD -> "--score-thresh";
            case IOU_THRESHOLD -> "--iou-thresh";
            case ALLOW_PARTIAL -> "--allow-partial";
            case CLASS_NAMES -> "--names";
            case INPUT_SHAPE -> "--shapes";
            case INPUT_RANGE -> "--range";
            case PROFILE, SHAPE_PROFILE -> "-p";
            case IMAGE -> "--image";
            case NVINFER_CONFIG -> "--nvinfer-config";
            case REBUILD -> "--rebuild";
            case RECURSIVE -> "--recursive";
            case WEIGHTS -> "--weights";
            case NMS_PLUGIN -> "--nms-plugin";
            case PLAIN_NMS -> "--nms";
            case OUTPUT -> "--out";
            case FORCE -> "--force";
            case MODEL_NAME -> "--model-name";
            case MAX_BATCH -> "--max-batch";
            case PARSE_FUNCTION -> "--parse-func";
            case CUSTOM_LIBRARY -> "--custom-lib";
            case DEPLOYED_PRECISION -> "--precision";
            case SOURCE_ONNX -> "--onnx";
            case STREAM_RETRIES -> "--stream-retries";
            case ENGINE -> "-e";
            case ETLT_KEY -> "-k";
            case INPUT_ORDER -> "-i";
        };
    }

    private static String buildSetting(BuildSettingException e) {
        String fact = e.getMessage().strip().replace('\n', ' ');
        return switch (e.setting()) {
            case PLUGIN_LIBRARY -> fact + "; check the --plugin path";
            case CALIBRATION_IMAGES -> fact + "; give --calib-images DIR with jpg or png images";
            case DLA_CORE -> fact.replaceFirst("^DLA core ", "--dla ");
        };
    }
}
