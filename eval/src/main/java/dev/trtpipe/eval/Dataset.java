package dev.trtpipe.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A labelled dataset in COCO's terms, whatever format it was read from: images, classes and
 * ground-truth boxes.
 *
 * @param source where it was read from, for messages
 */
public record Dataset(String source, List<ImageInfo> images, List<Category> categories, List<Annotation> annotations) {

    public Dataset {
        Objects.requireNonNull(source, "source");
        images = List.copyOf(images);
        categories = List.copyOf(categories);
        annotations = List.copyOf(annotations);
    }

    public Map<Long, ImageInfo> imagesById() {
        Map<Long, ImageInfo> byId = new HashMap<>(images.size() * 2);
        for (ImageInfo image : images) {
            byId.put(image.id(), image);
        }
        return byId;
    }

    public Optional<Category> category(int id) {
        return categories.stream().filter(c -> c.id() == id).findFirst();
    }

    /** Ground-truth boxes per category id. */
    public Map<Integer, Integer> boxesPerCategory() {
        Map<Integer, Integer> counts = new HashMap<>();
        for (Annotation a : annotations) {
            counts.merge(a.categoryId(), 1, Integer::sum);
        }
        return counts;
    }
}
