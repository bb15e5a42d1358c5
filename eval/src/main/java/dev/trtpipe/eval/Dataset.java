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

    /**
     * The first {@code n} images (in dataset order) and their boxes: pycocotools with {@code params.imgIds}
     * set to those images, for a quick check on part of a large set.
     */
    public Dataset firstImages(int n) {
        if (n >= images.size()) {
            return this;
        }
        List<ImageInfo> kept = images.subList(0, n);
        java.util.Set<Long> ids = new java.util.HashSet<>();
        kept.forEach(i -> ids.add(i.id()));
        return new Dataset(source, kept, categories, annotations.stream().filter(a -> ids.contains(a.imageId())).toList());
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
