package dev.trtpipe.eval;

import java.util.Objects;

/** A dataset class: COCO's {@code categories[]} entry, or line {@code id} of a darknet names file. */
public record Category(int id, String name) {
    public Category {
        Objects.requireNonNull(name, "name");
    }
}
