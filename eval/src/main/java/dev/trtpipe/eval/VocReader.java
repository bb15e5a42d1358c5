package dev.trtpipe.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Pascal VOC annotations: one XML file per image ({@code filename}, {@code size/width|height},
 * {@code object/name|difficult|bndbox}), read from a folder (sorted by name) or a single file. Boxes
 * convert as darknet's {@code voc_label.py} converts them — corner {@code (xmin − 1, ymin − 1)}, size
 * {@code (xmax − xmin, ymax − ymin)} — so both metrics see the boxes darknet trains on. Classes are the
 * names file's when given, else the names found, sorted.
 */
public final class VocReader {

    private VocReader() {
    }

    /** @param names class names in model order, or null to collect them from the files */
    public static Dataset read(Path xmlOrFolder, List<String> names, Problems problems) throws IOException {
        List<Path> files;
        if (Files.isDirectory(xmlOrFolder)) {
            try (Stream<Path> s = Files.list(xmlOrFolder)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
            }
        } else {
            files = List.of(xmlOrFolder);
        }
        List<Element> docs = new ArrayList<>();
        List<Path> docFiles = new ArrayList<>();
        for (Path f : files) {
            try {
                docs.add(parse(f).getDocumentElement());
                docFiles.add(f);
            } catch (SAXException e) {
                problems.report("malformed annotation file", f + ": not well-formed XML (" + e.getMessage() + "); file left out");
            }
        }
        List<String> classes = names != null ? names
                : docs.stream().flatMap(d -> objects(d).stream()).map(o -> text(o, "name")).distinct().sorted().toList();
        List<Category> categories = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            categories.add(new Category(i, classes.get(i)));
        }
        List<ImageInfo> images = new ArrayList<>();
        List<Annotation> annotations = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            Element d = docs.get(i);
            Path file = docFiles.get(i);
            long imageId = i + 1;
            int width = (int) number(d, "width");
            int height = (int) number(d, "height");
            String fileName = text(d, "filename");
            if (fileName.isEmpty() || width <= 0 || height <= 0) {
                problems.report("annotation without image size", file + ": no filename or size/width, size/height; file left out");
                continue;
            }
            images.add(new ImageInfo(imageId, fileName, width, height));
            List<Element> objects = objects(d);
            for (int o = 0; o < objects.size(); o++) {
                Element obj = objects.get(o);
                String name = text(obj, "name");
                int category = classes.indexOf(name);
                String where = file + ": object " + (o + 1) + " (" + name + "): ";
                if (category < 0) {
                    problems.report("class not in the names", where + "not among the class names; object left out");
                    continue;
                }
                double xmin = number(obj, "xmin"), ymin = number(obj, "ymin"), xmax = number(obj, "xmax"), ymax = number(obj, "ymax");
                if (!(xmin >= 0 && ymin >= 0 && xmax <= width + 1 && ymax <= height + 1 && xmax > xmin && ymax > ymin)) {
                    problems.report("box outside the image", where + "bndbox " + xmin + "," + ymin + "," + xmax + "," + ymax
                            + " is empty or reaches outside the " + width + "x" + height + " image; object left out");
                    continue;
                }
                double w = xmax - xmin;
                double h = ymax - ymin;
                annotations.add(new Annotation(annotations.size() + 1, imageId, category, xmin - 1, ymin - 1, w, h, w * h, false,
                        "1".equals(text(obj, "difficult"))));
            }
        }
        return new Dataset(xmlOrFolder.toString(), images, categories, annotations);
    }

    private static Document parse(Path file) throws IOException, SAXException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true); // no external entities
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Element> objects(Element doc) {
        NodeList nodes = doc.getElementsByTagName("object");
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }

    private static double number(Element parent, String tag) {
        try {
            return Double.parseDouble(text(parent, tag));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
