package dev.trtpipe.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects one model's detections on a dataset, image by image, and scores them both ways: COCO
 * ({@link CocoEvaluator}) and darknet's map ({@link DarknetMap}). Not thread-safe: feed it from one thread.
 */
public final class Evaluation {

    private final Dataset dataset;
    private final LabelSpace labels;
    private final int mapPoints;
    private final Map<Long, ImageInfo> images;
    private final Map<Integer, Integer> classOfCategory = new HashMap<>();
    private final List<ScoredBox> cocoDetections = new ArrayList<>();
    private final Map<Long, List<DarknetMap.Detection>> darknetDetections = new HashMap<>();

    /** @param mapPoints darknet's {@code -points}: 0 (its default, area under the curve), 11 or 101 */
    public Evaluation(Dataset dataset, LabelSpace labels, int mapPoints) {
        this.dataset = dataset;
        this.labels = labels;
        this.mapPoints = mapPoints;
        this.images = dataset.imagesById();
        for (int c = labels.classes() - 1; c >= 0; c--) {
            if (labels.categoryOfClass()[c] >= 0) {
                classOfCategory.put(labels.categoryOfClass()[c], c);
            }
        }
    }

    /**
     * A model's detections on one dataset image. COCO gets pixel boxes clipped to the image, as darknet's
     * {@code print_cocos} writes them; darknet's map gets the relative boxes as they are.
     */
    public void addModelDetections(long imageId, List<ClassBox> detections) {
        ImageInfo image = requireImage(imageId);
        List<DarknetMap.Detection> darknet = darknetDetections.computeIfAbsent(imageId, id -> new ArrayList<>());
        for (ClassBox d : detections) {
            darknet.add(new DarknetMap.Detection(d.classId(), d.probability(), d.x(), d.y(), d.w(), d.h()));
            int category = d.classId() >= 0 && d.classId() < labels.classes() ? labels.categoryOfClass()[d.classId()] : -1;
            if (category < 0) {
                continue;
            }
            double xmin = Math.max(0, (d.x() - d.w() / 2.0) * image.width());
            double xmax = Math.min(image.width(), (d.x() + d.w() / 2.0) * image.width());
            double ymin = Math.max(0, (d.y() - d.h() / 2.0) * image.height());
            double ymax = Math.min(image.height(), (d.y() + d.h() / 2.0) * image.height());
            cocoDetections.add(new ScoredBox(imageId, category, xmin, ymin, xmax - xmin, ymax - ymin, d.probability()));
        }
    }

    /**
     * Detections from a COCO results file: COCO scores them as they are; darknet's map sees them relative
     * to the image in float. Detections of unknown images must be filtered out first ({@link #knows}).
     */
    public void addResults(List<ScoredBox> results) {
        for (ScoredBox r : results) {
            ImageInfo image = requireImage(r.imageId());
            cocoDetections.add(r);
            Integer c = classOfCategory.get(r.categoryId());
            if (c != null) {
                darknetDetections.computeIfAbsent(r.imageId(), id -> new ArrayList<>()).add(new DarknetMap.Detection(c, (float) r.score(),
                        (float) ((r.x() + r.w() / 2) / image.width()), (float) ((r.y() + r.h() / 2) / image.height()),
                        (float) (r.w() / image.width()), (float) (r.h() / image.height())));
            }
        }
    }

    public boolean knows(long imageId) {
        return images.containsKey(imageId);
    }

    /** The detections as a COCO results file would hold them. */
    public List<ScoredBox> cocoDetections() {
        return List.copyOf(cocoDetections);
    }

    private ImageInfo requireImage(long imageId) {
        ImageInfo image = images.get(imageId);
        if (image == null) {
            throw new IllegalArgumentException("image id " + imageId + " is not in " + dataset.source());
        }
        return image;
    }

    public EvalReport finish() {
        CocoResult coco = CocoEvaluator.evaluate(dataset, cocoDetections);
        DarknetMap.Result darknet = darknetMap();
        Map<Integer, Integer> groundTruth = dataset.boxesPerCategory();
        Map<Integer, EvalReport.ClassScore> rows = new TreeMap<>();
        int[] ids = coco.categoryIds();
        for (int k = 0; k < ids.length; k++) {
            int id = ids[k];
            Integer c = classOfCategory.get(id);
            String name = dataset.category(id).map(Category::name).orElse(String.valueOf(id));
            rows.put(id, new EvalReport.ClassScore(id, name, groundTruth.getOrDefault(id, 0), coco.categoryAp(k, -1),
                    coco.categoryAp(k, CocoParams.iouIndex(.5)), c == null ? Double.NaN : darknet.classAp()[c]));
        }
        return new EvalReport(coco.stats(), darknet.map(), mapPoints, List.copyOf(rows.values()), images.size(), cocoDetections.size());
    }

    /** darknet's map in list order; crowd regions act as darknet's "difficult" boxes (detections on them are dropped). */
    private DarknetMap.Result darknetMap() {
        DarknetMap map = new DarknetMap(labels.classes(), 0.5f, mapPoints);
        Map<Long, List<Annotation>> byImage = new HashMap<>();
        for (Annotation a : dataset.annotations()) {
            byImage.computeIfAbsent(a.imageId(), id -> new ArrayList<>()).add(a);
        }
        for (ImageInfo image : dataset.images()) {
            List<DarknetMap.Box> truth = new ArrayList<>();
            List<DarknetMap.Box> difficult = new ArrayList<>();
            for (Annotation a : byImage.getOrDefault(image.id(), List.of())) {
                Integer c = classOfCategory.get(a.categoryId());
                if (c == null) {
                    continue; // a class the model lacks: darknet would not know the label (reported by ClassMapping)
                }
                DarknetMap.Box box = new DarknetMap.Box(c, (float) ((a.x() + a.w() / 2) / image.width()),
                        (float) ((a.y() + a.h() / 2) / image.height()), (float) (a.w() / image.width()), (float) (a.h() / image.height()));
                (a.crowd() || a.difficult() ? difficult : truth).add(box);
            }
            map.addImage(truth, difficult, darknetDetections.getOrDefault(image.id(), List.of()));
        }
        return map.result();
    }
}
