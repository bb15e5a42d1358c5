package dev.trtpipe.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Picks the reader from the {@code --data} argument: COCO json, darknet {@code .data} or list, VOC XML. */
public final class Datasets {

    private Datasets() {
    }

    /**
     * @param names a names file: required for a darknet list file, optional for VOC (sets the class order)
     * @throws IllegalArgumentException an unknown kind of file, or a list file without names
     */
    public static Dataset read(Path data, Optional<Path> names, Problems problems) throws IOException {
        String name = data.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(data) || name.endsWith(".xml")) {
            return VocReader.read(data, names.isPresent() ? DarknetDataReader.readNames(names.get()) : null, problems);
        }
        if (!Files.isRegularFile(data)) {
            throw new java.nio.file.NoSuchFileException(data.toString());
        }
        if (name.endsWith(".json")) {
            return CocoJsonReader.read(data, problems);
        }
        if (name.endsWith(".data")) {
            return DarknetDataReader.readData(data, problems);
        }
        if (name.endsWith(".txt") || name.endsWith(".list")) {
            if (names.isEmpty()) {
                throw new MissingClassNamesException(data);
            }
            return DarknetDataReader.readList(data, DarknetDataReader.readNames(names.get()), null, problems);
        }
        throw new IllegalArgumentException(data + ": unknown dataset kind; pass a COCO instances .json, a darknet .data or"
                + " image list (.txt), or Pascal VOC .xml files (a file or their folder)");
    }

    /** Whether image file names are relative to an image folder the user must give (COCO, VOC). */
    public static boolean needsImageFolder(Path data) {
        String name = data.getFileName().toString().toLowerCase(Locale.ROOT);
        return !(name.endsWith(".data") || name.endsWith(".txt") || name.endsWith(".list"));
    }

}
