package dev.trtpipe.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReadersTest {

    @TempDir
    Path dir;

    private Path png(String name, int w, int h) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", p.toFile());
        return p;
    }

    @Test
    void darknetDataFileReadsYoloLabelsBesideTheImagesAndReportsBadLinesByFileAndLine() throws IOException {
        Path a = png("imgs/a.png", 200, 100);
        Path b = png("imgs/b.png", 50, 50);
        Files.writeString(dir.resolve("imgs/a.txt"), "1 0.5 0.5 0.2 0.4\n7 0.5 0.5 0.1 0.1\n0 0.95 0.5 0.2 0.2\n");
        Files.writeString(dir.resolve("imgs/b.txt"), "");
        Files.writeString(dir.resolve("broken.png"), "not an image");
        Files.writeString(dir.resolve("valid.txt"), a + "\n" + dir.resolve("broken.png") + "\n" + b + "\n");
        Files.writeString(dir.resolve("obj.names"), "cat\ndog\n");
        Files.writeString(dir.resolve("obj.data"), "classes = 2\nvalid = valid.txt\nnames = obj.names\n");
        List<String> lines = new ArrayList<>();
        Problems problems = Problems.collecting(lines);
        Dataset d = DarknetDataReader.readData(dir.resolve("obj.data"), problems);

        assertThat(d.images()).extracting(ImageInfo::id).containsExactly(1L, 3L);
        assertThat(d.categories()).extracting(Category::name).containsExactly("cat", "dog");
        assertThat(d.annotations()).hasSize(1);
        Annotation box = d.annotations().get(0);
        // centre (100, 50), size 40 × 40 in the 200 × 100 image; labels are floats, as darknet reads them
        assertThat(new double[]{box.x(), box.y(), box.w(), box.h()}).containsExactly(new double[]{80, 30, 40, 40}, within(1e-5));
        assertThat(box.categoryId()).isEqualTo(1);
        assertThat(problems.count("class id beyond the names")).isEqualTo(1);
        assertThat(problems.count("box outside the image")).isEqualTo(1);
        assertThat(problems.count("unreadable image")).isEqualTo(1);
        assertThat(lines).anyMatch(l -> l.startsWith(dir.resolve("imgs/a.txt") + ":2: class id 7"))
                .anyMatch(l -> l.startsWith(dir.resolve("imgs/a.txt") + ":3: box"))
                .anyMatch(l -> l.startsWith(dir.resolve("valid.txt") + ":2: "));
    }

    @Test
    void labelPathsFollowDarknetsReplaceImageToLabel() {
        assertThat(DarknetDataReader.labelFile(Path.of("/d/VOC/JPEGImages/x.jpg"))).isEqualTo(Path.of("/d/VOC/labels/x.txt"));
        assertThat(DarknetDataReader.labelFile(Path.of("/d/coco/images/val/x.JPG"))).isEqualTo(Path.of("/d/coco/labels/val/x.txt"));
        assertThat(DarknetDataReader.labelFile(Path.of("/d/x.png"))).isEqualTo(Path.of("/d/x.txt"));
    }

    @Test
    void vocXmlConvertsAsVocLabelPyAndKeepsDifficult() throws IOException {
        Files.writeString(dir.resolve("000001.xml"), """
                <annotation><filename>000001.jpg</filename><size><width>353</width><height>500</height><depth>3</depth></size>
                <object><name>dog</name><difficult>0</difficult><bndbox><xmin>48</xmin><ymin>240</ymin><xmax>195</xmax><ymax>371</ymax></bndbox></object>
                <object><name>person</name><difficult>1</difficult><bndbox><xmin>8</xmin><ymin>12</ymin><xmax>352</xmax><ymax>498</ymax></bndbox></object>
                <object><name>cat</name><difficult>0</difficult><bndbox><xmin>300</xmin><ymin>12</ymin><xmax>400</xmax><ymax>50</ymax></bndbox></object>
                </annotation>""");
        List<String> lines = new ArrayList<>();
        Dataset d = VocReader.read(dir, null, Problems.collecting(lines));
        assertThat(d.categories()).extracting(Category::name).containsExactly("cat", "dog", "person");
        assertThat(d.annotations()).hasSize(2);
        Annotation dog = d.annotations().get(0);
        assertThat(new double[]{dog.x(), dog.y(), dog.w(), dog.h()}).containsExactly(47, 239, 147, 131);
        assertThat(d.annotations().get(1).difficult()).isTrue();
        assertThat(lines).singleElement().asString().startsWith(dir.resolve("000001.xml") + ": object 3 (cat): bndbox");
    }

    @Test
    void cocoJsonKeepsBoxesOutsideTheImageButReportsThemAndDropsUnknownImages() throws IOException {
        Files.writeString(dir.resolve("gt.json"), """
                {"images": [{"id": 5, "file_name": "a.jpg", "width": 100, "height": 80}],
                 "categories": [{"id": 3, "name": "car"}],
                 "annotations": [
                   {"id": 1, "image_id": 5, "category_id": 3, "bbox": [90, 10, 30, 20], "area": 400, "iscrowd": 0},
                   {"id": 2, "image_id": 6, "category_id": 3, "bbox": [1, 1, 2, 2]},
                   {"id": 3, "image_id": 5, "category_id": 3, "bbox": [1, 1, 10, 10], "iscrowd": 1}]}""");
        List<String> lines = new ArrayList<>();
        Dataset d = Datasets.read(dir.resolve("gt.json"), Optional.empty(), Problems.collecting(lines));
        assertThat(d.annotations()).extracting(Annotation::id).containsExactly(1L, 3L);
        assertThat(d.annotations().get(0).area()).isEqualTo(400);
        assertThat(d.annotations().get(1).area()).isEqualTo(100);
        assertThat(d.annotations().get(1).crowd()).isTrue();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith(dir.resolve("gt.json") + ": annotation id 1: bbox");
        assertThat(lines.get(1)).startsWith(dir.resolve("gt.json") + ": annotation id 2: image_id 6");
    }

    @Test
    void aListFileNeedsNamesAndAnUnknownKindIsNamed() throws IOException {
        Files.writeString(dir.resolve("list.txt"), "");
        assertThatThrownBy(() -> Datasets.read(dir.resolve("list.txt"), Optional.empty(), Problems.collecting(new ArrayList<>())))
                .isInstanceOf(MissingClassNamesException.class).hasMessageContaining("needs the class names").hasMessageNotContaining("--");
        Files.writeString(dir.resolve("x.yaml"), "");
        assertThatThrownBy(() -> Datasets.read(dir.resolve("x.yaml"), Optional.empty(), Problems.collecting(new ArrayList<>())))
                .hasMessageStartingWith(dir.resolve("x.yaml") + ": unknown dataset kind");
    }
}
