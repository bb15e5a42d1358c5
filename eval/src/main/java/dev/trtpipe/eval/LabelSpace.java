package dev.trtpipe.eval;

import java.util.List;

/**
 * The classes darknet's map is computed over, and the COCO category each of them scores as.
 *
 * @param names           per class, for per-class reports
 * @param categoryOfClass per class, its dataset category id, or -1 (its detections are not scored by COCO)
 */
public record LabelSpace(List<String> names, int[] categoryOfClass) {

    public int classes() {
        return names.size();
    }

    /** A model's classes: darknet's map divides by all of them, mapped or not. */
    public static LabelSpace of(ClassMapping mapping) {
        return new LabelSpace(mapping.modelNames(), mapping.categoryOfClass());
    }

    /** The dataset's own categories, by ascending id: for results files, which carry category ids. */
    public static LabelSpace of(Dataset dataset) {
        List<Category> sorted = dataset.categories().stream().sorted((a, b) -> Integer.compare(a.id(), b.id())).toList();
        return new LabelSpace(sorted.stream().map(Category::name).toList(), sorted.stream().mapToInt(Category::id).toArray());
    }
}
