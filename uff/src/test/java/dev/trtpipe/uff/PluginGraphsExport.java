package dev.trtpipe.uff;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Writes the TLT-shaped plugin graphs and their references for gpu/uff-plugins.sh, only when asked:
 * {@code mvn -pl uff -am test -Dtest=PluginGraphsExport -Dsurefire.failIfNoSpecifiedTests=false -Dtrtpipe.pluginGraphs=DIR}.
 * Per graph: {@code NAME.uff}, {@code NAME.onnx} (plugins) and, for the NMS heads, {@code NAME-plain.onnx}
 * (plain-ONNX NMS, the ONNX Runtime side of {@code trtpipe check}); the SSD's seeded input {@code ssd-input.npy}
 * retinanet-input.npy, batchednms-boxes.npy / batchednms-scores.npy (YOLOv3's BatchedNMS head alone), and the SSD's Java references {@code ssd-NMS.npy} ([2,1,keepTopK,7]), {@code ssd-keepCount.npy} and
 * {@code ssd-priors.npy} (GridAnchor's [1,2,P*4,1]).
 */
class PluginGraphsExport {

    @Test
    void export() throws Exception {
        String target = System.getProperty("trtpipe.pluginGraphs", "");
        assumeTrue(!target.isEmpty(), "set -Dtrtpipe.pluginGraphs=DIR to write the GPU check's files");
        Path dir = Files.createDirectories(Path.of(target));
        write(dir, "ssd", TltPluginGraphs.ssd().markOutput("concat_priorbox"), true);
        write(dir, "retinanet", TltPluginGraphs.retinanet().markOutput("concat_priorbox"), true);
        write(dir, "yolov3", TltPluginGraphs.yolov3(), false);
        write(dir, "frcnn", TltPluginGraphs.fasterRcnn(), false);
        write(dir, "batchednms", TltPluginGraphs.batchedNmsHead(), true);
        int p = TltPluginGraphs.HEAD_BOXES;
        npy(dir.resolve("batchednms-boxes.npy"), new long[] {PlainBatchedNmsTest.BATCH, p, 1, 4}, PlainBatchedNmsTest.boxes(21));
        npy(dir.resolve("batchednms-scores.npy"), new long[] {PlainBatchedNmsTest.BATCH, p, TltPluginGraphs.HEAD_CLASSES},
                PlainBatchedNmsTest.scores(22));
        float[] image = PlainNmsTest.blockImage(11);
        int size = PlainNmsTest.SIZE_PX;
        npy(dir.resolve("ssd-input.npy"), new long[] {PlainNmsTest.BATCH, 3, size, size}, image);
        npy(dir.resolve("retinanet-input.npy"), new long[] {2, 3, 64, 128}, blocks(12, 2, 64, 128, 16));
        int keep = TltPluginGraphs.KEEP_TOP_K;
        float[] rows = new float[PlainNmsTest.BATCH * keep * 7];
        float[] counts = new float[PlainNmsTest.BATCH];
        for (int n = 0; n < PlainNmsTest.BATCH; n++) {
            List<NmsReference.Detection> kept = PlainNmsTest.reference(image, n);
            counts[n] = kept.size();
            System.arraycopy(NmsReference.nmsTrtRows(n, kept, keep), 0, rows, n * keep * 7, keep * 7);
        }
        npy(dir.resolve("ssd-NMS.npy"), new long[] {PlainNmsTest.BATCH, 1, keep, 7}, rows);
        npy(dir.resolve("ssd-keepCount.npy"), new long[] {PlainNmsTest.BATCH, 1, 1, 1}, counts);
        float[][] layers = GridAnchors.generate(0.2f, 0.95f, TltPluginGraphs.ASPECT_RATIOS, new long[] {2, 1},
                new float[] {0.1f, 0.1f, 0.2f, 0.2f}, 2, false);
        int a = layers[0].length / 2, b = layers[1].length / 2;
        float[] priors = new float[2 * (a + b)];
        System.arraycopy(layers[0], 0, priors, 0, a);
        System.arraycopy(layers[1], 0, priors, a, b);
        System.arraycopy(layers[0], a, priors, a + b, a);
        System.arraycopy(layers[1], b, priors, 2 * a + b, b);
        npy(dir.resolve("ssd-priors.npy"), new long[] {1, 2, a + b, 1}, priors);
    }

    /** Seeded constant blocks of {@code block} pixels, so average pools give distinct cells (noise would pool to ties). */
    private static float[] blocks(long seed, int batch, int h, int w, int block) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        int bh = h / block, bw = w / block;
        float[] values = new float[batch * 3 * bh * bw];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextDouble() * 4 - 2);
        }
        float[] image = new float[batch * 3 * h * w];
        for (int i = 0; i < image.length; i++) {
            int x = i % w, y = (i / w) % h, plane = i / (h * w);
            image[i] = values[(plane * bh + y / block) * bw + x / block];
        }
        return image;
    }

    private static void write(Path dir, String name, UffGraphBuilder builder, boolean plainToo) throws IOException {
        Files.write(dir.resolve(name + ".uff"), builder.build().toByteArray());
        UffGraph graph = builder.graph(name + ".uff");
        UffToOnnx.standard().translate(graph).write(dir.resolve(name + ".onnx"));
        if (plainToo) {
            UffToOnnx.standard().translate(graph, UffTranslationOptions.defaults().withPlainNms(true)).write(dir.resolve(name + "-plain.onnx"));
        }
    }

    /** A little-endian float32 .npy (format 1.0). */
    static void npy(Path file, long[] shape, float[] values) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().replaceAll(", $", shape.length == 1 ? "," : "")
                + "), }";
        int unpadded = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        b.asFloatBuffer().put(values);
        Files.write(file, b.array());
    }
}
