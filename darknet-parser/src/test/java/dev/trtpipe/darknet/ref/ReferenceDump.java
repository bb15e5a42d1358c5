package dev.trtpipe.darknet.ref;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A directory of darknet's own per-layer outputs ({@code ref/…/alexeyab}, {@code pjreddie}, …): its
 * {@code manifest.tsv} and the {@code .bin} tensors it lists (references.md §2).
 */
public record ReferenceDump(Path dir, List<Entry> entries) {

    /** One manifest row; {@code index} −1 is the network input. */
    public record Entry(int index, String type, int channels, int height, int width, String file) {
        public long count() {
            return (long) channels * height * width;
        }
    }

    public static ReferenceDump read(Path dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("manifest.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            entries.add(new Entry(Integer.parseInt(f[0]), f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4]), f[6]));
        }
        return new ReferenceDump(dir, List.copyOf(entries));
    }

    public Optional<Entry> layer(int index) {
        return entries.stream().filter(e -> e.index() == index).findFirst();
    }

    /** The layer entries (the input excluded). */
    public List<Entry> layers() {
        return entries.stream().filter(e -> e.index() >= 0).toList();
    }

    public float[] tensor(Entry entry) throws IOException {
        return readFloats(dir.resolve(entry.file()));
    }

    public float[] input() throws IOException {
        return readFloats(dir.resolve("input.bin"));
    }

    public static float[] readFloats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
