package dev.trtpipe.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A COCO {@code instances_*.json}: {@code images} (id, file_name, width, height), {@code categories}
 * (id, name) and {@code annotations} (id, image_id, category_id, bbox, area, iscrowd). An annotation of an
 * unknown image or category is reported and left out; a box reaching outside its image is reported but
 * kept, because pycocotools keeps it. A missing {@code area} is w·h.
 */
public final class CocoJsonReader {

    private CocoJsonReader() {
    }

    /** @throws IllegalArgumentException the file is not a COCO instances file (one line naming what is missing) */
    public static Dataset read(Path file, Problems problems) throws IOException {
        JsonNode root = JsonFiles.read(file, "a COCO instances file");
        for (String key : new String[]{"images", "categories", "annotations"}) {
            if (!root.path(key).isArray()) {
                throw new IllegalArgumentException(file + ": has no \"" + key + "\" array; pass a COCO instances file (instances_*.json)");
            }
        }
        List<ImageInfo> images = new ArrayList<>();
        Map<Long, ImageInfo> byId = new HashMap<>();
        for (JsonNode i : root.get("images")) {
            ImageInfo image = new ImageInfo(i.path("id").asLong(), i.path("file_name").asText(), i.path("width").asInt(), i.path("height").asInt());
            if (!i.has("id") || image.fileName().isEmpty() || image.width() <= 0 || image.height() <= 0) {
                throw new IllegalArgumentException(file + ": image " + i + " lacks id, file_name, width or height");
            }
            images.add(image);
            byId.put(image.id(), image);
        }
        List<Category> categories = new ArrayList<>();
        for (JsonNode c : root.get("categories")) {
            categories.add(new Category(c.path("id").asInt(), c.path("name").asText()));
        }
        List<Annotation> annotations = new ArrayList<>();
        for (JsonNode a : root.get("annotations")) {
            long id = a.path("id").asLong();
            long imageId = a.path("image_id").asLong();
            int categoryId = a.path("category_id").asInt();
            JsonNode bbox = a.path("bbox");
            ImageInfo image = byId.get(imageId);
            if (image == null) {
                problems.report("annotation of an unknown image", file + ": annotation id " + id + ": image_id " + imageId
                        + " is not in \"images\"; left out");
                continue;
            }
            if (categories.stream().noneMatch(c -> c.id() == categoryId)) {
                problems.report("annotation of an unknown category", file + ": annotation id " + id + ": category_id "
                        + categoryId + " is not in \"categories\"; left out");
                continue;
            }
            if (!bbox.isArray() || bbox.size() != 4) {
                problems.report("annotation without a bbox", file + ": annotation id " + id + ": bbox is not [x, y, w, h]; left out");
                continue;
            }
            double x = bbox.get(0).asDouble(), y = bbox.get(1).asDouble(), w = bbox.get(2).asDouble(), h = bbox.get(3).asDouble();
            if (x < -1 || y < -1 || x + w > image.width() + 1 || y + h > image.height() + 1 || w < 0 || h < 0) {
                problems.report("box outside the image", file + ": annotation id " + id + ": bbox [" + x + ", " + y + ", " + w + ", "
                        + h + "] reaches outside the " + image.width() + "x" + image.height() + " image " + image.fileName()
                        + " (kept, as pycocotools keeps it)");
            }
            double area = a.has("area") ? a.get("area").asDouble() : w * h;
            annotations.add(new Annotation(id, imageId, categoryId, x, y, w, h, area, a.path("iscrowd").asInt() != 0, false));
        }
        return new Dataset(file.toString(), images, categories, annotations);
    }
}
