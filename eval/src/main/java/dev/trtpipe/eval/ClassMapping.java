package dev.trtpipe.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which dataset category each model class scores as: by name (case and surrounding blanks ignored), and,
 * for a model with darknet's {@code coco.names} whose names COCO spells differently ({@code motorbike},
 * {@code aeroplane}, {@code sofa}, {@code pottedplant}, {@code diningtable}, {@code tvmonitor}), by COCO's
 * 80 → 91 category-id table, as darknet's {@code validate_detector} writes COCO results.
 *
 * @param categoryOfClass per model class, the category id it scores as, or -1
 * @param missingInModel  dataset categories with ground truth that no model class maps to: their AP is 0
 * @param unmatchedModelClasses model classes with no category: their detections are not scored by COCO
 */
public record ClassMapping(List<String> modelNames, int[] categoryOfClass, List<Category> missingInModel,
                           List<String> unmatchedModelClasses) {

    /** {@code coco80_to_91}: darknet's coco.names order to COCO category ids. */
    static final int[] COCO_IDS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 27, 28,
            31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61,
            62, 63, 64, 65, 67, 70, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 84, 85, 86, 87, 88, 89, 90};

    /** The first names of darknet's coco.names: enough to tell its order from another 80-class list. */
    private static final List<String> COCO_NAMES_START = List.of("person", "bicycle", "car", "motorbike", "aeroplane", "bus");

    public static ClassMapping of(List<String> modelNames, Dataset dataset) {
        int[] categoryOfClass = new int[modelNames.size()];
        Arrays.fill(categoryOfClass, -1);
        boolean[] taken = new boolean[dataset.categories().size()];
        for (int c = 0; c < modelNames.size(); c++) {
            String name = normalize(modelNames.get(c));
            for (int k = 0; k < dataset.categories().size(); k++) {
                if (!taken[k] && normalize(dataset.categories().get(k).name()).equals(name)) {
                    categoryOfClass[c] = dataset.categories().get(k).id();
                    taken[k] = true;
                    break;
                }
            }
        }
        if (isDarknetCoco(modelNames)) {
            for (int c = 0; c < modelNames.size(); c++) {
                for (int k = 0; k < dataset.categories().size() && categoryOfClass[c] < 0; k++) {
                    if (!taken[k] && dataset.categories().get(k).id() == COCO_IDS[c]) {
                        categoryOfClass[c] = COCO_IDS[c];
                        taken[k] = true;
                    }
                }
            }
        }
        Map<Integer, Integer> boxes = dataset.boxesPerCategory();
        List<Category> missing = new ArrayList<>();
        for (int k = 0; k < dataset.categories().size(); k++) {
            if (!taken[k] && boxes.getOrDefault(dataset.categories().get(k).id(), 0) > 0) {
                missing.add(dataset.categories().get(k));
            }
        }
        List<String> unmatched = new ArrayList<>();
        for (int c = 0; c < modelNames.size(); c++) {
            if (categoryOfClass[c] < 0) {
                unmatched.add(modelNames.get(c));
            }
        }
        return new ClassMapping(List.copyOf(modelNames), categoryOfClass, List.copyOf(missing), List.copyOf(unmatched));
    }

    private static boolean isDarknetCoco(List<String> names) {
        return names.size() == COCO_IDS.length
                && names.subList(0, COCO_NAMES_START.size()).stream().map(ClassMapping::normalize).toList().equals(COCO_NAMES_START);
    }

    private static String normalize(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
