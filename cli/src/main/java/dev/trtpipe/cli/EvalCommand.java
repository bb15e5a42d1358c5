package dev.trtpipe.cli;

import dev.trtpipe.detect.DetectorSettings;
import dev.trtpipe.eval.CocoResultsFile;
import dev.trtpipe.eval.DarknetMap;
import dev.trtpipe.eval.Dataset;
import dev.trtpipe.eval.Datasets;
import dev.trtpipe.eval.Evaluation;
import dev.trtpipe.eval.LabelSpace;
import dev.trtpipe.eval.Problems;
import dev.trtpipe.eval.ScoredBox;
import dev.trtpipe.eval.report.EvalJson;
import dev.trtpipe.eval.report.EvalTable;
import dev.trtpipe.eval.report.PerClassFile;
import dev.trtpipe.eval.report.ScoredModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code trtpipe eval}: scores models (anything {@code detect} runs) and COCO results files on a labelled
 * dataset and prints one table, a row per model: COCO's AP … AR100 as pycocotools computes them and
 * darknet's mAP@0.50 as {@code darknet detector map} computes it, with the differences to the first row.
 */
final class EvalCommand implements ParsedCommand<EvalCommand.Flags> {

    /**
     * eval's typed options: the ground truth, the models (with their weights) and result files to score, how to run the
     * models, and where the results go. The nvinfer flags carry {@code --thresh}; their warnings print when it runs.
     */
    record Flags(Path data, List<Path> models, Map<Path, Optional<Path>> weights, List<Path> results, Optional<Path> names,
                 Optional<Path> images, int points, float thresh, int workers, int instances, int batch, int threads,
                 Optional<Path> saveDir, Optional<Path> perClass, boolean json, Optional<Integer> maxImages, TaoSpecOptions tao) {
    }

    private static final int DEFAULT_MAX_WORKERS = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));

    @Override
    public String name() {
        return "eval";
    }

    @Override
    public String summary() {
        return "accuracy of models and engines on a labelled dataset: COCO mAP (pycocotools) and darknet's map, one row per model";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("data").hasArg().converter(Values.PATH).argName("FILE")
                .desc("labelled dataset (required): COCO instances .json (with --images), darknet .data or image list .txt"
                        + " (labels beside the images), or Pascal VOC .xml files (a file or their folder, with --images)").get());
        o.addOption(Option.builder().longOpt("images").hasArg().converter(Values.PATH).argName("DIR").desc("folder the dataset's image file names are in").get());
        o.addOption(Option.builder().longOpt("model").hasArg().converter(Values.PATH).argName("FILE")
                .desc("model to score, as for detect: .cfg (with --weights), .onnx, .plan/.engine; repeat for several rows").get());
        o.addOption(Option.builder().longOpt("weights").hasArg().converter(Values.PATH).argName("FILE")
                .desc("darknet .weights; the n-th --weights goes with the n-th .cfg --model").get());
        o.addOption(Option.builder().longOpt("detections").hasArg().converter(Values.PATH).argName("FILE")
                .desc("COCO results file to score without a model (image_id, category_id, bbox, score); repeatable").get());
        o.addOption(DetectionFlags.namesOption("class names of the models (default: the .names file beside each model); for a darknet list, the dataset's"));
        o.addOption(DetectionFlags.thresholdOption("detection threshold (default " + DarknetMap.DETECTION_THRESHOLD + ", darknet's for map)"));
        o.addOption(Option.builder().longOpt("map-points").hasArg().converter(Values.intIn(0, 1000)).argName("N")
                .desc("darknet's -points: 0 = area under the curve (darknet's default), 11 (VOC2007), 101 (COCO)").get());
        o.addOption(Option.builder().longOpt("json").desc("print one JSON object per model on stdout instead of the table").get());
        o.addOption(Option.builder().longOpt("save-detections").hasArg().converter(Values.PATH).argName("DIR")
                .desc("write each model's detections as a COCO results file DIR/<model>.json").get());
        o.addOption(Option.builder().longOpt("per-class").hasArg().converter(Values.PATH).argName("FILE")
                .desc("write per-class AP (COCO AP, AP50, darknet AP50) of every model to FILE.csv or FILE.json").get());
        o.addOption(Option.builder().longOpt("max-images").hasArg().converter(Values.intIn(1, Integer.MAX_VALUE)).argName("N")
                .desc("score only the dataset's first N images (and their boxes), for a quick check").get());
        o.addOption(Option.builder().longOpt("workers").hasArg().converter(Values.intIn(1, 64)).argName("N")
                .desc("images in progress at once (default " + DEFAULT_MAX_WORKERS + ")").get());
        o.addOption(Option.builder().longOpt("instances").hasArg().converter(Values.intIn(1, 16)).argName("K").desc("copies of each model the workers share (default 1)").get());
        o.addOption(Option.builder().longOpt("batch").hasArg().converter(Values.intIn(1, 1024)).argName("N").desc("images per network call, 1..1024 (default 1), as for"
                + " detect: an ONNX model with a dynamic batch, or an engine built with onnx2trt --batch min:opt:max where max >= N").get());
        o.addOption(Option.builder().longOpt("threads").hasArg().converter(Values.intIn(0, 256)).argName("N").desc("CPU inference threads of ONNX Runtime (default: one per core)").get());
        TaoSpecOptions.addTo(o); // a TAO detector, as detect runs it; the config applies to every --model
        return o;
    }

    @Override
    public Set<String> outputOptions() {
        return Set.of("save-detections", "per-class");
    }

    @Override
    public Set<String> repeatableOptions() {
        return Set.of("model", "weights", "detections"); // one table row per model or detections file
    }

    @Override
    public Flags parse(CommandLine line) throws UsageException, IOException {
        Path data = CommonOptions.requiredPath(line, "data");
        List<Path> models = Values.all(line, "model");
        List<Path> results = Values.all(line, "detections");
        if (models.isEmpty() && results.isEmpty()) {
            throw new UsageException("give at least one --model or --detections to score");
        }
        Map<Path, Optional<Path>> weights = pairWeights(models, Values.all(line, "weights"));
        Optional<Path> names = Values.get(line, "names");
        Path images = Values.<Path>get(line, "images").orElse(null);
        if (!models.isEmpty() && images == null && Datasets.needsImageFolder(data)) {
            throw new UsageException("--images DIR is needed: " + data + " names its images relative to an image folder");
        }
        int points = Values.get(line, "map-points", 0);
        if (points == 1) {
            throw new UsageException("--map-points must be 0 (area under the curve), or 2 or more (11, 101), got 1");
        }
        float thresh = Values.get(line, "thresh", DarknetMap.DETECTION_THRESHOLD);
        int workers = Values.get(line, "workers", DEFAULT_MAX_WORKERS);
        int instances = Values.get(line, "instances", 1);
        int batch = Values.get(line, "batch", 1);
        int threads = Values.get(line, "threads", 0);
        Optional<Path> saveDir = Values.get(line, "save-detections");
        Optional<Path> perClass = Values.get(line, "per-class");
        if (perClass.isPresent() && !perClass.get().toString().toLowerCase(Locale.ROOT).matches(".*\\.(csv|json)$")) {
            throw new UsageException("--per-class FILE must end in .csv or .json, got " + perClass.get());
        }
        boolean json = line.hasOption("json");
        if (saveDir.isPresent()) {
            checkDistinctResultNames(models);
        }
        Optional<Integer> maxImages = line.hasOption("max-images") ? Optional.of(Values.get(line, "max-images", Integer.MAX_VALUE))
                : Optional.empty();
        TaoSpecOptions tao = TaoSpecOptions.read(line).withThreshold(thresh);
        return new Flags(data, models, weights, results, names, Optional.ofNullable(images), points, thresh, workers, instances,
                batch, threads, saveDir, perClass, json, maxImages, tao);
    }

    @Override
    public int run(Flags flags, Console console) throws Exception {
        Path data = flags.data();
        List<Path> models = flags.models();
        List<Path> results = flags.results();
        Map<Path, Optional<Path>> weights = flags.weights();
        Optional<Path> names = flags.names();
        Path images = flags.images().orElse(null);
        int points = flags.points();
        float thresh = flags.thresh();
        int workers = flags.workers();
        int instances = flags.instances();
        int batch = flags.batch();
        int threads = flags.threads();
        Optional<Path> saveDir = flags.saveDir();
        Optional<Path> perClass = flags.perClass();
        boolean json = flags.json();

        Problems problems = new Problems(message -> console.err().println("warning: " + message));
        Dataset dataset = Datasets.read(data, names, problems);
        if (flags.maxImages().isPresent()) {
            dataset = dataset.firstImages(flags.maxImages().get());
        }
        console.err().println(String.format(Locale.ROOT, "%s: %d images, %d categories, %d boxes", data, dataset.images().size(),
                dataset.categories().size(), dataset.annotations().size()));

        DetectorSettings settings = DetectorSettings.defaults().withThreshold(thresh);
        TaoSpecOptions tao = flags.tao();
        tao.printWarnings(console.err());
        List<ScoredModel> rows = new ArrayList<>();
        for (Path model : models) {
            long start = System.nanoTime();
            EvalModelRun run = new EvalModelRun(model, weights.get(model), settings, tao, names, images, workers, instances, threads, batch, points);
            Evaluation evaluation = run.run(dataset, problems, console, EvalProgress.onTerminal());
            rows.add(finish(label(model, rows), evaluation, start, saveDir.map(d -> d.resolve(resultsName(model))), console));
        }
        for (Path file : results) {
            long start = System.nanoTime();
            Evaluation evaluation = new Evaluation(dataset, LabelSpace.of(dataset), points);
            evaluation.addResults(knownImages(CocoResultsFile.read(file, problems), evaluation, file, problems));
            rows.add(finish(label(file, rows), evaluation, start, Optional.empty(), console));
        }
        if (json) {
            rows.forEach(row -> console.out().println(EvalJson.line(row)));
        } else {
            console.out().print(EvalTable.format(rows));
            console.out().println("COCO: pycocotools COCOeval (bbox); map50: darknet detector map, IoU 0.50, "
                    + (points == 0 ? "area under the curve" : points + " recall points") + ", averaged over each model's classes");
        }
        if (perClass.isPresent()) {
            PerClassFile.write(perClass.get(), rows);
            console.err().println("wrote " + perClass.get());
        }
        if (problems.total() > 0) {
            console.err().println(problems.summary());
        }
        return ExitCode.OK;
    }

    private static ScoredModel finish(String label, Evaluation evaluation, long start, Optional<Path> resultsFile, Console console)
            throws java.io.IOException {
        ScoredModel row = new ScoredModel(label, evaluation.finish(), (System.nanoTime() - start) / 1e9);
        if (resultsFile.isPresent()) {
            CocoResultsFile.write(resultsFile.get(), evaluation.cocoDetections());
            console.err().println("wrote " + resultsFile.get());
        }
        return row;
    }

    /** The whole file name, so that {@code y.cfg} and {@code y.onnx} do not overwrite each other's results. */
    private static String resultsName(Path model) {
        return model.getFileName() + ".json";
    }

    private static void checkDistinctResultNames(List<Path> models) throws UsageException {
        Map<String, Path> seen = new LinkedHashMap<>();
        for (Path model : models) {
            Path other = seen.putIfAbsent(resultsName(model), model);
            if (other != null) {
                throw new UsageException(other + " and " + model + " would both write " + resultsName(model)
                        + " in --save-detections; rename one or run them separately");
            }
        }
    }

    /** pycocotools refuses a results file with unknown image ids; here they are reported, one line per id, and skipped. */
    private static List<ScoredBox> knownImages(List<ScoredBox> boxes, Evaluation evaluation, Path file, Problems problems) {
        Map<Long, Integer> unknown = new LinkedHashMap<>();
        List<ScoredBox> known = new ArrayList<>(boxes.size());
        for (ScoredBox b : boxes) {
            if (evaluation.knows(b.imageId())) {
                known.add(b);
            } else {
                unknown.merge(b.imageId(), 1, Integer::sum);
            }
        }
        unknown.forEach((id, n) -> problems.report("detections for an unknown image", file + ": image_id " + id
                + " is not in the dataset; its " + n + " detection" + (n == 1 ? "" : "s") + " skipped"));
        return known;
    }

    /** The file name, or the path where two rows would have the same name. */
    private static String label(Path file, List<ScoredModel> rows) {
        String name = file.getFileName().toString();
        return rows.stream().anyMatch(r -> r.label().equals(name)) ? file.toString() : name;
    }

    private static Map<Path, Optional<Path>> pairWeights(List<Path> models, List<Path> weights) throws UsageException {
        Map<Path, Optional<Path>> paired = new LinkedHashMap<>();
        Iterator<Path> next = weights.iterator();
        for (Path model : models) {
            boolean cfg = model.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".cfg");
            if (cfg && !next.hasNext()) {
                throw new UsageException(model + " is a darknet .cfg: give its --weights (one per .cfg model, in the same order)");
            }
            paired.put(model, cfg ? Optional.of(next.next()) : Optional.empty());
        }
        if (next.hasNext()) {
            throw new UsageException("more --weights than .cfg models: " + next.next() + " has no .cfg to go with");
        }
        return paired;
    }


}
