package dev.trtpipe.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassMappingTest {

    private static final Path COCO_NAMES = Path.of(System.getProperty("trtpipe.shared", "../../shared"), "models/darknet/coco.names");

    private static Dataset cocoCategories(Category... categories) {
        return new Dataset("coco", List.of(new ImageInfo(1, "a.jpg", 10, 10)), List.of(categories),
                List.of(new Annotation(1, 1, 58, 0, 0, 5, 5, 25, false, false)));
    }

    @Test
    void darknetCocoNamesMapToCocoIdsWhereCocoSpellsThemDifferently() throws IOException {
        List<String> names = DarknetDataReader.readNames(COCO_NAMES);
        Dataset d = cocoCategories(new Category(1, "person"), new Category(4, "motorcycle"), new Category(5, "airplane"),
                new Category(58, "hot dog"), new Category(62, "chair"), new Category(72, "tv"), new Category(91, "unicorn"));
        ClassMapping m = ClassMapping.of(names, d);
        int[] c = m.categoryOfClass();
        assertThat(names.get(3)).isEqualTo("motorbike");
        assertThat(c[0]).isEqualTo(1);
        assertThat(c[3]).isEqualTo(4);   // motorbike → motorcycle by id
        assertThat(c[4]).isEqualTo(5);   // aeroplane → airplane
        assertThat(c[52]).isEqualTo(58); // hot dog by name
        assertThat(c[56]).isEqualTo(62); // chair
        assertThat(c[62]).isEqualTo(72); // tvmonitor → tv
        assertThat(c[1]).isEqualTo(-1);  // bicycle: not in this dataset
        assertThat(m.missingInModel()).isEmpty(); // unicorn has no boxes: nothing to report
    }

    @Test
    void aDatasetClassWithBoxesThatTheModelLacksIsReported() {
        Dataset d = new Dataset("d", List.of(new ImageInfo(1, "a.jpg", 10, 10)), List.of(new Category(0, "Cat"), new Category(1, "plate")),
                List.of(new Annotation(1, 1, 1, 0, 0, 5, 5, 25, false, false)));
        ClassMapping m = ClassMapping.of(List.of("cat ", "dog"), d);
        assertThat(m.categoryOfClass()).containsExactly(0, -1);
        assertThat(m.missingInModel()).extracting(Category::name).containsExactly("plate");
        assertThat(m.unmatchedModelClasses()).containsExactly("dog");
    }

    @Test
    void anEightyClassListInAnotherOrderIsMatchedByNameOnly() throws IOException {
        List<String> names = new java.util.ArrayList<>(DarknetDataReader.readNames(COCO_NAMES));
        java.util.Collections.reverse(names);
        ClassMapping m = ClassMapping.of(names, cocoCategories(new Category(4, "motorcycle")));
        assertThat(m.categoryOfClass()).containsOnly(-1);
        assertThat(Files.exists(COCO_NAMES)).isTrue();
    }
}
