package dev.trtpipe.detect.tao;

import dev.trtpipe.detect.TensorInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which TAO output layout a model has, found from its outputs' names and shapes, and how one image's
 * candidates are read from it: DetectNet_v2's coverage/bbox grids, NMS_TRT's detections + keep count,
 * or the four outputs of BatchedNMS / EfficientNMS.
 */
sealed interface TaoOutputs {

    /** Candidates of batch item {@code item} in network pixels (before thresholds and clustering). */
    List<NetBox> candidates(Map<String, float[]> outputs, int item, int classes, int netW, int netH, float[] thresholds)
            throws IOException;

    /** The coverage channels (DetectNet_v2) or 0 when the layout does not say how many classes there are. */
    int modelClasses();

    String describe();

    /**
     * @throws IllegalArgumentException the outputs are none of the layouts, or a listed output is missing
     */
    static TaoOutputs find(List<TensorInfo> outputs, List<String> listed) {
        for (String name : listed) {
            if (byName(outputs, name).isEmpty()) {
                throw new IllegalArgumentException("output-blob-names lists '" + name + "' but the model's outputs are "
                        + outputs.stream().map(TensorInfo::name).toList() + "; fix output-blob-names");
            }
        }
        Optional<TensorInfo> cov = outputs.stream().filter(o -> o.name().contains("cov")).findFirst();
        Optional<TensorInfo> bbox = outputs.stream().filter(o -> o.name().contains("bbox")).findFirst();
        if (cov.isPresent() && bbox.isPresent()) {
            return DetectNetV2.of(cov.get(), bbox.get());
        }
        Optional<TensorInfo> rows = outputs.stream().filter(o -> o.shape().length >= 3 && o.shape()[o.shape().length - 1] == 7).findFirst();
        List<TensorInfo> single = outputs.stream().filter(o -> o.elementsPerItem() == 1).toList();
        if (rows.isPresent() && single.size() == 1 && outputs.size() == 2) {
            return new NmsTrt(rows.get().name(), single.get(0).name(), Math.toIntExact(rows.get().elementsPerItem() / 7));
        }
        if (outputs.size() == 4 && single.size() == 1) {
            return Batched.of(single.get(0), outputs);
        }
        throw new IllegalArgumentException("outputs " + outputs + " are none of the TAO detector layouts detect knows:"
                + " DetectNet_v2 (an output named *cov* [N,C,H,W] and one named *bbox* [N,4C,H,W]), NMS_TRT"
                + " ([N,1,keepTopK,7] + keep count) or BatchedNMS/EfficientNMS (count, boxes, scores, classes)");
    }

    /** The output called {@code name}, also when one side has TensorFlow's {@code :0} suffix and the other not. */
    static Optional<TensorInfo> byName(List<TensorInfo> outputs, String name) {
        String bare = stripPort(name);
        return outputs.stream().filter(o -> o.name().equals(name) || stripPort(o.name()).equals(bare)).findFirst();
    }

    private static String stripPort(String name) {
        return name.endsWith(":0") ? name.substring(0, name.length() - 2) : name;
    }

    static float[] require(Map<String, float[]> outputs, String name) throws IOException {
        float[] values = outputs.get(name);
        if (values == null) {
            throw new IOException("the backend returned no output '" + name + "' (it returned " + outputs.keySet() + ")");
        }
        return values;
    }

    private static int fixed(TensorInfo t) {
        if (t.elementsPerItem() < 0) {
            throw new IllegalArgumentException("output " + t + " has dynamic dimensions; detect needs the TAO outputs' sizes fixed");
        }
        return Math.toIntExact(t.elementsPerItem());
    }

    record DetectNetV2(String cov, String bbox, int covClasses, int gridH, int gridW) implements TaoOutputs {

        static DetectNetV2 of(TensorInfo cov, TensorInfo bbox) {
            long[] c = cov.shape();
            long[] b = bbox.shape();
            if (c.length != 4 || b.length != 4 || fixed(cov) <= 0 || fixed(bbox) <= 0) {
                throw new IllegalArgumentException("DetectNet_v2 outputs " + cov + " and " + bbox + " should be [N,C,H,W] and [N,4C,H,W]");
            }
            if (b[1] != 4 * c[1] || b[2] != c[2] || b[3] != c[3]) {
                throw new IllegalArgumentException("DetectNet_v2 bbox output " + bbox + " does not fit coverage " + cov
                        + ": it should be [N," + 4 * c[1] + "," + c[2] + "," + c[3] + "]");
            }
            return new DetectNetV2(cov.name(), bbox.name(), (int) c[1], (int) c[2], (int) c[3]);
        }

        @Override
        public List<NetBox> candidates(Map<String, float[]> outputs, int item, int classes, int netW, int netH,
                                       float[] thresholds) throws IOException {
            int gridSize = gridH * gridW;
            return DetectNetV2Decoder.decode(require(outputs, cov), item * covClasses * gridSize, require(outputs, bbox),
                    item * 4 * covClasses * gridSize, Math.min(covClasses, classes), gridH, gridW, netW, netH, thresholds);
        }

        @Override
        public int modelClasses() {
            return covClasses;
        }

        @Override
        public String describe() {
            return String.format(Locale.ROOT, "DetectNet_v2 grid %dx%d (%s, %s)", gridW, gridH, cov, bbox);
        }
    }

    record NmsTrt(String detections, String keepCount, int keepTopK) implements TaoOutputs {

        @Override
        public List<NetBox> candidates(Map<String, float[]> outputs, int item, int classes, int netW, int netH,
                                       float[] thresholds) throws IOException {
            int count = NmsPluginDecoder.keepCount(require(outputs, keepCount)[item]);
            return NmsPluginDecoder.nmsTrt(require(outputs, detections), item * keepTopK * 7, keepTopK, count, classes, netW, netH);
        }

        @Override
        public int modelClasses() {
            return 0;
        }

        @Override
        public String describe() {
            return "NMS_TRT (" + detections + " keepTopK " + keepTopK + ", count " + keepCount + ")";
        }
    }

    record Batched(String count, String boxes, String scores, String classIds, int keepTopK) implements TaoOutputs {

        /** The count is the one-element output; boxes end in 4; scores and classes by name, else in output order. */
        static Batched of(TensorInfo count, List<TensorInfo> outputs) {
            List<TensorInfo> rest = new ArrayList<>(outputs);
            rest.remove(count);
            TensorInfo boxes = rest.stream().filter(o -> o.shape().length >= 2 && o.shape()[o.shape().length - 1] == 4)
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("four outputs " + outputs
                            + " look like BatchedNMS/EfficientNMS but none is boxes [N,keepTopK,4]"));
            rest.remove(boxes);
            int keepTopK = fixed(boxes) / 4;
            TensorInfo scores = rest.stream().filter(o -> o.name().toLowerCase(Locale.ROOT).contains("score")).findFirst()
                    .orElse(rest.get(0));
            rest.remove(scores);
            TensorInfo classes = rest.get(0);
            for (TensorInfo t : List.of(scores, classes)) {
                if (fixed(t) != keepTopK) {
                    throw new IllegalArgumentException("BatchedNMS/EfficientNMS output " + t + " should have " + keepTopK
                            + " values per image, as " + boxes + " has boxes");
                }
            }
            return new Batched(count.name(), boxes.name(), scores.name(), classes.name(), keepTopK);
        }

        @Override
        public List<NetBox> candidates(Map<String, float[]> outputs, int item, int classes, int netW, int netH,
                                       float[] thresholds) throws IOException {
            int n = (int) require(outputs, count)[item];
            return NmsPluginDecoder.batched(n, require(outputs, boxes), item * keepTopK * 4, require(outputs, scores),
                    require(outputs, classIds), item * keepTopK, keepTopK, classes, netW, netH);
        }

        @Override
        public int modelClasses() {
            return 0;
        }

        @Override
        public String describe() {
            return "BatchedNMS (" + count + ", " + boxes + ", " + scores + ", " + classIds + ", keepTopK " + keepTopK + ")";
        }
    }
}
