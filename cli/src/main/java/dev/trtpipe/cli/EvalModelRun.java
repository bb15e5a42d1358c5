package dev.trtpipe.cli;

import dev.trtpipe.detect.BatchDetectionPool;
import dev.trtpipe.detect.ImageOutcome;
import dev.trtpipe.detect.DetectionResult;
import dev.trtpipe.detect.Detector;
import dev.trtpipe.detect.DetectorSettings;
import dev.trtpipe.detect.SharedBackend;
import dev.trtpipe.detect.backend.BackendRequest;
import dev.trtpipe.detect.backend.Backends;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.eval.ClassBox;
import dev.trtpipe.eval.ClassMapping;
import dev.trtpipe.eval.Dataset;
import dev.trtpipe.eval.Evaluation;
import dev.trtpipe.eval.ImageInfo;
import dev.trtpipe.eval.LabelSpace;
import dev.trtpipe.eval.Problems;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one model over a dataset's images on the pooled, batched detection path ({@link BatchDetectionPool}, the
 * same backends, pre- and post-processing and {@code --batch} as {@code detect}) and feeds the detections to an
 * {@link Evaluation}.
 * An image that fails (unreadable, wrong format) is reported and counted; the run goes on without it.
 *
 * @param tao       TAO detector options (nvinfer config, threshold); a model without them runs as detect runs it
 * @param images    where the dataset's file names resolve; null when they are paths already (darknet lists)
 * @param names     a names file for the model, or empty to use a TAO model's labels or look beside the model
 */
record EvalModelRun(Path model, Optional<Path> weights, DetectorSettings settings, TaoSpecOptions tao, Optional<Path> names,
                    Path images, int workers, int instances, int threads, int batch, int mapPoints) {

    /** The model's evaluation, with its detections collected. */
    Evaluation run(Dataset dataset, Problems problems, Console console, boolean progress) throws IOException, InterruptedException {
        BackendRequest request = new BackendRequest(model, weights, threads);
        try (SharedBackend backend = Backends.openShared(request, instances);
             BatchDetectionPool pool = new BatchDetectionPool(backend, workers, batch, b -> tao.detector(model.toString(), b, settings))) {
            Detector detector = tao.detector(model.toString(), backend, settings);
            ClassMapping mapping = ClassMapping.of(classNames(detector), dataset);
            mapping.missingInModel().forEach(c -> problems.report("class the model lacks", model + ": has no class '" + c.name()
                    + "' (category " + c.id() + "); its COCO AP counts as 0 and darknet's map leaves its boxes out"));
            if (!mapping.unmatchedModelClasses().isEmpty()) {
                console.err().println(model.getFileName() + ": " + mapping.unmatchedModelClasses().size() + " of its "
                        + mapping.modelNames().size() + " classes are not in the dataset; COCO does not score their detections");
            }
            Evaluation evaluation = new Evaluation(dataset, LabelSpace.of(mapping), mapPoints);
            detectAll(dataset, pool, evaluation, problems, new EvalProgress(console.err(), progress, model.getFileName().toString(),
                    dataset.images().size()));
            return evaluation;
        }
    }

    /** Detects on every image, {@code batch} per network call, and scores the outcomes in dataset order. */
    private void detectAll(Dataset dataset, BatchDetectionPool pool, Evaluation evaluation, Problems problems, EvalProgress progress)
            throws IOException {
        try (progress) {
            List<ImageInfo> list = dataset.images();
            int[] done = {0};
            pool.detectFiles(list.stream().map(this::file).toList(), outcome -> {
                ImageInfo image = list.get(done[0]);
                if (outcome instanceof ImageOutcome.Detected detected) {
                    DetectionResult result = detected.result();
                    if (result.width() != image.width() || result.height() != image.height()) {
                        problems.report("image size differs from the dataset", result.source() + ": is " + result.width() + "x"
                                + result.height() + " but " + dataset.source() + " says " + image.width() + "x" + image.height()
                                + " for image id " + image.id() + "; boxes are scaled to the dataset's size");
                    }
                    evaluation.addModelDetections(image.id(), boxes(result.detections()));
                } else if (outcome instanceof ImageOutcome.Failed failed) {
                    problems.report("image that failed", failed.message() + " (image id " + image.id() + "; left out)");
                }
                progress.update(++done[0]);
            });
        }
    }

    /** --names, else a TAO model's labels, else the names file beside the model; class numbers cannot be matched. */
    private List<String> classNames(Detector detector) throws IOException {
        return DetectCommand.Labels.find(names, model, detector).orElseThrow(() -> new IllegalArgumentException(model
                + ": no names file with " + detector.pipeline().classes() + " names beside the model;"
                + " pass --names (e.g. coco.names) so its classes can be matched to the dataset's by name")).names().names();
    }

    private Path file(ImageInfo image) {
        return images == null ? Path.of(image.fileName()) : images.resolve(image.fileName());
    }

    private static List<ClassBox> boxes(List<Detection> detections) {
        List<ClassBox> boxes = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            boxes.add(new ClassBox(d.classId(), d.probability(), d.box().x(), d.box().y(), d.box().w(), d.box().h()));
        }
        return boxes;
    }

}
