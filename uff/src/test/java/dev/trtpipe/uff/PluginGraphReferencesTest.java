package dev.trtpipe.uff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every NMS plugin graph translated with {@code --nms onnx} runs on ONNX Runtime and gives the outputs
 * {@link PluginGraphReferences} computes from the plugins' definitions, compared by {@link PluginOutputCheck} (the
 * rules the GPU check applies to the plugin engines); each case keeps some detections but not every slot.
 */
class PluginGraphReferencesTest {

    @Test
    void plainOnnxTranslationsOfEveryNmsGraphAgreeWithTheReferences() throws Exception {
        StringBuilder kept = new StringBuilder();
        for (PluginGraphReferences.Case c : PluginGraphReferences.nmsAsPlainOnnx()) {
            kept.append(c.name()).append(java.util.Arrays.toString(c.kept())).append(' ');
            UffToOnnx.Result r = UffToOnnx.standard().translate(c.graph().graph(c.name() + ".uff"),
                    UffTranslationOptions.defaults().withPlainNms(true));
            Map<String, float[]> out = Ort.run(r.toBytes(), c.inputs());
            for (PluginGraphReferences.Expected e : c.expected()) {
                PluginOutputCheck check = PluginOutputCheck.of(e, out.get(e.output()));
                assertThat(check.passed()).as(c.name() + " " + e.output() + ": " + check.detail()).isTrue();
            }
        }
        for (PluginGraphReferences.Case c : PluginGraphReferences.nms()) {
            int keepTopK = PluginGraphReferences.nmsParams(c.graph().graph(c.name() + ".uff")).keepTopK();
            List<Integer> perImage = java.util.Arrays.stream(c.kept()).boxed().toList();
            assertThat(perImage).as("every image keeps some detections: " + kept).allSatisfy(k -> assertThat(k).isBetween(1, keepTopK));
            assertThat(perImage).as("some image keeps fewer than keepTopK: " + kept).anySatisfy(k -> assertThat(k).isLessThan(keepTopK));
            assertThat(c.kept()[0]).as("the images keep different numbers, so a row of one in the other's place shows: " + kept)
                    .isNotEqualTo(c.kept()[1]);
        }
    }

    /**
     * NMS_TRT's half-precision sizes (NmsReference.decodeCenterSizeAsPlugin) move the SSD and RetinaNet boxes a little and
     * select the same detections: the plugin references pass the fp32 check against the float-decoding ones, and differ.
     */
    @Test
    void thePluginReferencesDifferFromThePlainOnesOnlyInTheHalfPrecisionSizes() throws Exception {
        List<PluginGraphReferences.Case> plugin = PluginGraphReferences.nms(), plain = PluginGraphReferences.nmsAsPlainOnnx();
        for (int c = 0; c < plugin.size(); c++) {
            for (int e = 0; e < plugin.get(c).expected().size(); e++) {
                PluginGraphReferences.Expected asPlugin = plugin.get(c).expected().get(e), asPlain = plain.get(c).expected().get(e);
                PluginOutputCheck check = PluginOutputCheck.of(asPlain, asPlugin.values());
                assertThat(check.passed()).as(plugin.get(c).name() + " " + asPlugin.output() + ": " + check.detail()).isTrue();
                boolean decoded = asPlugin.output().equals("NMS");
                assertThat(java.util.Arrays.equals(asPlugin.values(), asPlain.values())).as(asPlugin.output()).isEqualTo(!decoded);
            }
        }
    }

    /**
     * TensorRT 10.6's NMS plugins overrun their workspace when topK exceeds the boxes per image (sortScoresPerImage writes
     * numClasses x topK entries per image into buffers sized numClasses x boxes) and return nothing when keepTopK exceeds
     * topK: every NMS test graph stays within both, or its engine could not be compared with anything.
     */
    @Test
    void everyNmsGraphKeepsTopKWithinItsBoxesAndKeepTopKWithinTopK() throws Exception {
        for (PluginGraphReferences.Case c : PluginGraphReferences.nms()) {
            UffGraph graph = c.graph().graph(c.name() + ".uff");
            NmsReference.Params p = PluginGraphReferences.nmsParams(graph);
            long boxes = PluginGraphReferences.boxesPerImage(c);
            assertThat(p.topK()).as(c.name() + " topK vs its " + boxes + " boxes per image").isLessThanOrEqualTo((int) boxes);
            assertThat(p.keepTopK()).as(c.name() + " keepTopK vs topK").isLessThanOrEqualTo(p.topK());
            assertThat(UffToOnnx.standard().translate(graph).notes()).as(c.name()).noneSatisfy(n -> assertThat(n).contains("boxes per image"));
        }
    }

    /**
     * The premise of comparing engines with 1e-3: the heads' inputs reach the convolutions unrounded. Every block value
     * averages back to itself over the SSD's 30x30 and 60x60 windows in float32, whether a pooling kernel divides
     * the sum or multiplies it by the float reciprocal (the other graphs' windows are powers of two).
     */
    @Test
    void blockValuesSurviveAveragePoolingExactly() throws Exception {
        for (float v : PluginGraphReferences.ssd().inputs().get("Input").data()) {
            long a = TltPluginGraphs.SSD_POOLS[0], b = TltPluginGraphs.SSD_POOLS[1];
            assertThat(PluginGraphReferences.exactAverage(v, (int) (a * a)) && PluginGraphReferences.exactAverage(v, (int) (b * b)))
                    .as("%s averages exactly", v).isTrue();
        }
    }

    /** The crop reference on hand-worked boxes of a 3x3 ramp: the whole map, a half box, an upside-down one, one outside. */
    @Test
    void cropAndResizeSamplesBilinearlyAndExtrapolatesZero() {
        float[] ramp = {0, 1, 2, 10, 11, 12, 20, 21, 22}; // value = 10 y + x
        float[] rois = {0, 0, 1, 1, 0, 0, 0.5f, 0.5f, 1, 1, 0, 0, -0.5f, 0, 0.5f, 1};
        float[] out = PluginGraphReferences.crops(ramp, rois, 1, 1, 3, 3, 4, 3, 3);
        // the whole map at crop 3x3 is the map; a box over the top-left quarter samples at 0, 0.5, 1
        assertThat(java.util.Arrays.copyOfRange(out, 0, 9)).containsExactly(ramp);
        assertThat(java.util.Arrays.copyOfRange(out, 9, 18)).containsExactly(0, 0.5f, 1, 5, 5.5f, 6, 10, 10.5f, 11);
        // upside down and mirrored: the map reversed
        assertThat(java.util.Arrays.copyOfRange(out, 18, 27)).containsExactly(22, 21, 20, 12, 11, 10, 2, 1, 0);
        // y from -1 to 1 in map rows: the first row lies outside (0), then rows 0 and 1
        assertThat(java.util.Arrays.copyOfRange(out, 27, 36)).containsExactly(0, 0, 0, 0, 1, 2, 10, 11, 12);
    }

    /** The CropAndResize engine's outputs are saved through `check` against a stub: it must run and match the engine's signature. */
    @Test
    void theCropStubRunsOnOnnxRuntimeWithThePluginGraphsInputsAndOutput() throws Exception {
        PluginGraphReferences.Case crop = PluginGraphReferences.cropAndResize();
        Map<String, float[]> out = Ort.run(PluginGraphsExport.outputSaverStub(crop), crop.inputs());
        PluginGraphReferences.Expected e = crop.expected().get(0);
        assertThat(out.get(e.output())).hasSameSizeAs(e.values()).containsOnly(0f);
        var plugin = dev.trtpipe.onnx.proto.Onnx.ModelProto.parseFrom(UffToOnnx.standard().translate(crop.graph().graph("crop.uff")).toBytes());
        assertThat(plugin.getGraph().getInputList()).extracting(i -> i.getName()).containsExactlyElementsOf(crop.inputs().keySet());
        assertThat(plugin.getGraph().getOutputList()).extracting(o -> o.getName()).containsExactly(e.output());
        assertThat(plugin.getGraph().getNodeList()).anySatisfy(n -> assertThat(n.getOpType()).isEqualTo("CropAndResizeDynamic"));
    }

    /**
     * The Proposal reference keeps some boxes but suppresses others, fills the rest with zeros, and no decision sits
     * within float32 reach of the IoU threshold or the minimum size (the engine computes in float with __expf).
     */
    @Test
    void proposalReferenceSuppressesSomeAndHasMarginsAboveFloatRounding() throws Exception {
        PluginGraphReferences.Case c = PluginGraphReferences.proposal();
        var p = PluginGraphReferences.Proposals.of(c.inputs().get("scores").data(), c.inputs().get("deltas").data(),
                PluginGraphReferences.BATCH, TltPluginGraphs.RPN_H, TltPluginGraphs.RPN_W);
        assertThat(p.rois()).containsExactly(c.expected().get(0).values());
        assertThat(p.closestIou()).as("closest IoU to the threshold").isGreaterThan(1e-4);
        assertThat(p.closestSize()).as("closest box side to roi_min_size").isGreaterThan(1e-3);
        for (int n = 0; n < PluginGraphReferences.BATCH; n++) {
            int rows = 0;
            for (int i = 0; i < TltPluginGraphs.POST_NMS; i++) {
                int o = (n * TltPluginGraphs.POST_NMS + i) * 4;
                rows += p.rois()[o] == 0 && p.rois()[o + 1] == 0 && p.rois()[o + 2] == 0 && p.rois()[o + 3] == 0 ? 0 : 1;
            }
            assertThat(rows).as("proposals of image %d", n).isBetween(1, TltPluginGraphs.POST_NMS - 1);
        }
        // two 10x10 pixel boxes 5 apart: 5 x 10 shared of 150
        assertThat(PluginGraphReferences.Proposals.pixelIou(new float[] {0, 0, 9, 9}, new float[] {5, 0, 14, 9})).isEqualTo(50.0 / 150.0);
    }

    @Test
    void theCheckFailsOnAWrongLabelAWrongCountAndAMovedBox() throws Exception {
        PluginGraphReferences.Case ssd = PluginGraphReferences.ssd();
        PluginGraphReferences.Expected rows = ssd.expected().get(0);
        PluginGraphReferences.Expected count = ssd.expected().get(1);
        assertThat(PluginOutputCheck.of(rows, rows.values().clone()).passed()).isTrue();
        float[] label = rows.values().clone();
        label[1] += 1;
        assertThat(PluginOutputCheck.of(rows, label).passed()).isFalse();
        float[] box = rows.values().clone();
        box[3] += 2e-3f;
        assertThat(PluginOutputCheck.of(rows, box).passed()).isFalse();
        // an engine's count: int32 bits in a float; one more than the reference fails
        float[] bits = new float[count.values().length];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = Float.intBitsToFloat((int) count.values()[i]);
        }
        assertThat(PluginOutputCheck.of(count, bits).passed()).isTrue();
        bits[0] = Float.intBitsToFloat((int) count.values()[0] + 1);
        assertThat(PluginOutputCheck.of(count, bits).passed()).isFalse();
    }
}
