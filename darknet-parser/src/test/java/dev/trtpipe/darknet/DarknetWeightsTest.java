package dev.trtpipe.darknet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.darknet.ref.ReferenceRandom;
import dev.trtpipe.darknet.ref.SharedFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Weights size rules (darknet.md §1, references.md §3) and slicing (against the §4 generator). */
class DarknetWeightsTest {

    private static final Path TINY = SharedFiles.resolve("ref/mini/yolov3-tiny");

    @TempDir
    Path tmp;

    /** Expected float counts and file sizes from references.md §3 and darknet.md §1.3. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ref/mini/yolov3-tiny, model, 138848, 555412",
            "ref/mini/yolov3, model, 977995, 3912000",
            "ref/mini/yolov3-spp, model, 994635, 3978560",
            "ref/mini/yolo-fastest-1.1, model, 12432, 49748",
            "ref/mini/yolov2-tiny, model, 175609, 702456",
            "ref/mini/yolov4-tiny, model, 95174, 380716",
            "ref/mini/yolov4, model, 1018923, 4075712",
            "ref/mini/yolov4-csp, model, 839787, 3359168",
            "ref/mini/yolov7-tiny, model, 99691, 398784",
            "ref/mini/yolov4-sam-mish-csp-reorg-bfm, model, 975563, 3902272",
            "models/darknet/trained/yolo-fastest-1.1_coco, yolo-fastest-1.1, 346062, 1384268",
    })
    void expectedSizeMatchesTheSpecAndTheFile(String dir, String stem, long floats, long bytes) throws IOException {
        Path base = SharedFiles.resolve(dir);
        DarknetModel model = DarknetModel.parse(base.resolve(stem + ".cfg"));
        assertThat(model.weightCount()).isEqualTo(floats);
        WeightsSizeCheck check = DarknetWeights.check(base.resolve(stem + ".weights"), model);
        assertThat(check.verdict()).isEqualTo(WeightsSizeCheck.Verdict.EXACT);
        assertThat(check.fileBytes()).isEqualTo(bytes);
        assertThat(check.header().length()).isEqualTo(20);
    }

    /** Every array of every conv holds exactly the values the reference generator wrote, in file order. */
    @Test
    void slicesFollowDarknetsRecordLayout() throws IOException {
        DarknetModel model = DarknetModel.parse(TINY.resolve("model.cfg"));
        DarknetWeights weights = DarknetWeights.read(TINY.resolve("model.weights"), model, false);
        ReferenceRandom rng = new ReferenceRandom(ReferenceRandom.WEIGHTS_SEED);
        int convs = 0;
        for (Layer layer : model.layers()) {
            if (!(layer instanceof ConvolutionalLayer conv)) {
                assertThat(weights.forLayer(layer.index())).isEmpty();
                continue;
            }
            convs++;
            LayerWeights w = weights.forLayer(conv.index()).orElseThrow();
            assertThat(w.present()).isTrue();
            expect(w.get(WeightKind.BIASES), rng, -0.1f, 0.1f);
            if (conv.batchNormalize()) {
                expect(w.get(WeightKind.SCALES), rng, 0.5f, 1.5f);
                expect(w.get(WeightKind.ROLLING_MEAN), rng, -0.1f, 0.1f);
                expect(w.get(WeightKind.ROLLING_VARIANCE), rng, 0.5f, 1.5f);
            }
            float a = (float) Math.sqrt(3.0 / (conv.channelsPerGroup() * conv.size() * conv.size()));
            expect(w.get(WeightKind.WEIGHTS), rng, -a, a);
        }
        assertThat(convs).isEqualTo(13);
    }

    private static void expect(FloatArray array, ReferenceRandom rng, float lo, float hi) {
        for (int i = 0; i < array.length(); i++) {
            float expected = rng.uniform(lo, hi);
            if (Float.floatToIntBits(array.get(i)) != Float.floatToIntBits(expected)) {
                throw new AssertionError("value " + i + " at file offset " + array.fileOffset() + ": " + array.get(i)
                        + " != " + expected);
            }
        }
    }

    @Test
    void shortFileNamesTheLayerWhereTheDataEnds() throws IOException {
        DarknetModel model = DarknetModel.parse(TINY.resolve("model.cfg"));
        Path cut = copyResized(TINY.resolve("model.weights"), 555412 - 4 * 1000);
        assertThatThrownBy(() -> DarknetWeights.read(cut, model, false))
                .isInstanceOf(DarknetFormatException.class)
                .hasMessageContaining("SHORT by 1000 floats (4000 bytes)")
                .hasMessageContaining("expected 138848 floats (555412 bytes), found 137848")
                // the last conv (layer 22: 21 filters, 1x1 over 32 channels = 693 floats) and part of layer 21
                .hasMessageContaining("ends inside layer 21 [convolutional]")
                .hasMessageContaining("model.cfg line ");
        assertThatThrownBy(() -> DarknetWeights.read(cut, model, true))
                .hasMessageContaining("(a partial load accepts only files that end between layers)");
    }

    @Test
    void allowPartialAcceptsAFileEndingBetweenLayers() throws IOException {
        DarknetModel model = DarknetModel.parse(TINY.resolve("model.cfg"));
        long lastConv = model.layer(22).weightCount();
        assertThat(lastConv).isEqualTo(21 + 21 * 32);
        Path partial = copyResized(TINY.resolve("model.weights"), 555412 - 4 * lastConv);
        assertThatThrownBy(() -> DarknetWeights.read(partial, model, false))
                .hasMessageContaining("SHORT by 693 floats").hasMessageContaining("ends after layer 21, before layer 22");
        DarknetWeights weights = DarknetWeights.read(partial, model, true);
        assertThat(weights.missingLayers()).extracting(Layer::index).containsExactly(22);
        LayerWeights missing = weights.forLayer(22).orElseThrow();
        assertThat(missing.present()).isFalse();
        assertThat(missing.get(WeightKind.WEIGHTS).toArray()).containsOnly(0f);
        assertThat(weights.forLayer(21).orElseThrow().present()).isTrue();
    }

    @Test
    void longFileIsRejected() throws IOException {
        DarknetModel model = DarknetModel.parse(TINY.resolve("model.cfg"));
        Path padded = copyResized(TINY.resolve("model.weights"), 555412 + 12);
        assertThatThrownBy(() -> DarknetWeights.read(padded, model, true))
                .isInstanceOf(DarknetFormatException.class)
                .hasMessageContaining("LONG by 3 floats (12 bytes)").hasMessageContaining("does not match");
    }

    @Test
    void payloadThatIsNotWholeFloatsIsRejected() throws IOException {
        DarknetModel model = DarknetModel.parse(TINY.resolve("model.cfg"));
        Path odd = copyResized(TINY.resolve("model.weights"), 555412 - 2);
        assertThatThrownBy(() -> DarknetWeights.read(odd, model, false))
                .hasMessageContaining("not a whole number of float32 values");
    }

    @Test
    void emptyAndHeaderOnlyFilesAreRejected() throws IOException {
        DarknetModel model = DarknetModel.parse(TINY.resolve("model.cfg"));
        Path empty = Files.write(tmp.resolve("empty.weights"), new byte[0]);
        assertThatThrownBy(() -> DarknetWeights.read(empty, model, false))
                .hasMessageContaining("empty.weights is 0 bytes, too short for a darknet weights header");
        Path headerOnly = copyResized(TINY.resolve("model.weights"), 20);
        assertThatThrownBy(() -> DarknetWeights.read(headerOnly, model, false))
                .hasMessageContaining("SHORT by 138848 floats").hasMessageContaining("layer 0 [convolutional]");
    }

    /** Version 0.1 files (YOLOv2 era) have a 32-bit {@code seen}: a 16-byte header. */
    @Test
    void headerLengthFollowsTheVersionRule() throws IOException {
        DarknetModel model = DarknetModel.parse(TINY.resolve("model.cfg"));
        byte[] original = Files.readAllBytes(TINY.resolve("model.weights"));
        ByteBuffer v01 = ByteBuffer.allocate(original.length - 4).order(ByteOrder.LITTLE_ENDIAN);
        v01.putInt(0).putInt(1).putInt(0).putInt(12345).put(original, 20, original.length - 20);
        Path file = Files.write(tmp.resolve("v01.weights"), v01.array());
        DarknetWeights weights = DarknetWeights.read(file, model, false);
        assertThat(weights.header().length()).isEqualTo(16);
        assertThat(weights.header().seen()).isEqualTo(12345);
        assertThat(weights.forLayer(0).orElseThrow().get(WeightKind.BIASES).get(0))
                .isEqualTo(new ReferenceRandom(ReferenceRandom.WEIGHTS_SEED).uniform(-0.1f, 0.1f));

        // a 0.2 header in front of a payload sized for a 16-byte header: say so
        byte[] damaged = Arrays.copyOf(v01.array(), v01.capacity());
        ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 2);
        Path wrong = Files.write(tmp.resolve("damaged.weights"), damaged);
        assertThatThrownBy(() -> DarknetWeights.read(wrong, model, false))
                .hasMessageContaining("SHORT by 1 floats").hasMessageContaining("would match exactly with a 16-byte header");
    }

    private Path copyResized(Path source, long size) throws IOException {
        byte[] bytes = Arrays.copyOf(Files.readAllBytes(source), Math.toIntExact(size));
        return Files.write(tmp.resolve(source.getFileName() + "." + size), bytes);
    }

    /** The hash of the whole file, against the published one (models/darknet/PROVENANCE.txt), computed once. */
    @Test
    void sha256IsTheFilesPublishedHashComputedOnce() throws Exception {
        Path base = SharedFiles.resolve("models/darknet/trained/yolo-fastest-1.1_coco");
        DarknetModel model = DarknetModel.parse(base.resolve("yolo-fastest-1.1.cfg"));
        DarknetWeights weights = DarknetWeights.read(base.resolve("yolo-fastest-1.1.weights"), model, false);
        assertThat(weights.sha256().get()).isEqualTo("1c445c42bbd6df63edea2cc69f99667b5650d663ca11e34b116240740cd42890");
        assertThat(weights.sha256()).isSameAs(weights.sha256());
    }

    /** Loading in the background gives the same arrays and hash as reading; values wait for the read. */
    @Test
    void loadGivesWhatReadGives() throws Exception {
        Path base = SharedFiles.resolve("models/darknet/trained/yolo-fastest-1.1_coco");
        DarknetModel model = DarknetModel.parse(base.resolve("yolo-fastest-1.1.cfg"));
        DarknetWeights read = DarknetWeights.read(base.resolve("yolo-fastest-1.1.weights"), model, false);

        DarknetWeights loading = DarknetWeights.load(base.resolve("yolo-fastest-1.1.weights"), model, false);

        int arrays = 0;
        for (Layer layer : model.layers()) {
            if (layer.weightCount() == 0) {
                continue;
            }
            for (WeightSegment segment : layer.weightLayout()) {
                // no awaitLoaded() first: the accessor has to wait by itself
                assertThat(loading.forLayer(layer.index()).orElseThrow().get(segment.kind()).toArray())
                        .as("layer %d %s", layer.index(), segment.kind())
                        .containsExactly(read.forLayer(layer.index()).orElseThrow().get(segment.kind()).toArray());
                arrays++;
            }
        }
        assertThat(arrays).isGreaterThan(100);
        assertThat(loading.sha256().get()).isEqualTo("1c445c42bbd6df63edea2cc69f99667b5650d663ca11e34b116240740cd42890");
    }

    /** A file that is shorter at read time than at the size check (changed meanwhile) fails the load and the hash. */
    @Test
    void aFileThatShrankFailsTheLoadAndTheHash() throws IOException {
        Path file = Files.write(tmp.resolve("shrunk.weights"), new byte[3 * (1 << 20) + 5]);
        WeightsLoad.Piece last = new WeightsLoad.Piece(2 << 20, 2 << 20);
        WeightsLoad load = WeightsLoad.start(file, List.of(new WeightsLoad.Piece(0, 2 << 20), last));

        assertThatThrownBy(load::await).isInstanceOf(java.io.EOFException.class)
                .hasMessage(file + " ended while reading it (was it changed meanwhile?)");
        assertThatThrownBy(() -> WeightsLoad.join(load.sha256())).isInstanceOf(java.io.EOFException.class);
        assertThat(last.array().capacity()).as("allocated before the read failed").isEqualTo(2 << 20);
    }

    /** A piece the reader never got to (it failed first) fails its waiters instead of keeping them waiting. */
    @Test
    void piecesAfterAFailureFailTheirWaiters() throws IOException {
        Path file = Files.write(tmp.resolve("short.weights"), new byte[100]);
        WeightsLoad.Piece never = new WeightsLoad.Piece(1000, 10);
        WeightsLoad load = WeightsLoad.start(file, List.of(new WeightsLoad.Piece(0, 500), never));

        assertThatThrownBy(load::await).isInstanceOf(java.io.EOFException.class);
        assertThatThrownBy(never::array).hasCauseInstanceOf(java.io.EOFException.class);
    }

    /** The background hash covers every piece and chunk in order, also pieces that are not whole chunks. */
    @Test
    void hashOfAFileOfSeveralChunksIsTheFilesHash() throws Exception {
        byte[] bytes = new byte[2 * (1 << 20) + 12345];
        new java.util.SplittableRandom(7).nextBytes(bytes);
        Path file = Files.write(tmp.resolve("chunks.bin"), bytes);
        WeightsLoad load = WeightsLoad.start(file, List.of(new WeightsLoad.Piece(0, 7), new WeightsLoad.Piece(7, 1 << 20),
                new WeightsLoad.Piece(7 + (1 << 20), bytes.length - 7 - (1 << 20))));

        load.await();
        assertThat(WeightsLoad.join(load.sha256())).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    /**
     * A full-size file (35 MB: read in several arrays) whose k-th float is k: every array holds exactly the
     * floats at its place in darknet's record order, also where a record ends one array and the next starts.
     */
    @Test
    void everyArrayOfALargeFileHoldsItsOwnFloats() throws IOException {
        DarknetModel model = DarknetModel.parse(SharedFiles.resolve("models/darknet/cfg/alexeyab/yolov3-tiny.cfg"));
        int floats = Math.toIntExact(model.weightCount());
        assertThat(floats).as("exact as floats").isLessThan(1 << 24).isGreaterThan(8 << 20);
        ByteBuffer file = ByteBuffer.allocate(20 + 4 * floats).order(ByteOrder.LITTLE_ENDIAN);
        file.putInt(0).putInt(2).putInt(0).putLong(0);
        for (int k = 0; k < floats; k++) {
            file.putFloat(k);
        }
        Path path = Files.write(tmp.resolve("counting.weights"), file.array());

        DarknetWeights weights = DarknetWeights.load(path, model, false);

        int next = 0;
        for (Layer layer : model.layers()) {
            for (WeightSegment segment : layer.weightLayout()) {
                float[] values = weights.forLayer(layer.index()).orElseThrow().get(segment.kind()).toArray();
                for (int i = 0; i < values.length; i++) {
                    if (values[i] != next + i) {
                        throw new AssertionError("layer " + layer.index() + " " + segment.kind() + " value " + i
                                + ": " + values[i] + ", expected float " + (next + i) + " of the file");
                    }
                }
                next += values.length;
            }
        }
        assertThat(next).isEqualTo(floats);
    }
}
