package dev.trtpipe.detect.postprocess;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.DetectionSpec.Head;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * darknet's detection output from raw head tensors: decode every head ({@code [yolo]} or
 * {@code [region]}), threshold, map boxes back to the image, NMS, one {@link Detection} per
 * (box, class) above the threshold — darknet.md §8, reproducing darknet's {@code detections.tsv}.
 * Works on plain float arrays, so any backend (ONNX Runtime, TensorRT) can feed it. Thread-safe.
 */
public final class Postprocessor {

    private final DetectionSpec spec;
    private final PostprocessSettings settings;
    private final List<HeadDecoder> decoders;
    private final NonMaxSuppression nms;

    public Postprocessor(DetectionSpec spec, PostprocessSettings settings) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.settings = Objects.requireNonNull(settings, "settings");
        List<HeadDecoder> list = new ArrayList<>();
        for (Head head : spec.heads()) {
            list.add(HeadDecoder.of(head, spec.inputWidth(), spec.inputHeight()));
        }
        this.decoders = List.copyOf(list);
        this.nms = new NonMaxSuppression(settings.nmsKind(), settings.nmsThreshold(), settings.betaNms());
    }

    public PostprocessSettings settings() {
        return settings;
    }

    /** Floats of one batch item of head {@code h}: anchors · (5 + classes) · rows · columns. */
    public int headItemSize(int h) {
        return decoders.get(h).itemSize();
    }

    /**
     * Detections of batch item {@code item}.
     *
     * @param heads     one raw tensor per head, in {@link DetectionSpec#heads()} order, NCHW flattened
     * @param placement how the image was put into the network input
     * @return detections sorted by falling probability
     */
    public List<Detection> process(float[][] heads, int item, ImagePlacement placement) {
        return finish(decode(heads, item), placement);
    }

    /** Thresholded candidates of batch item {@code item}, boxes relative to the network input, before NMS. */
    public Candidates decode(float[][] heads, int item) {
        if (heads.length != decoders.size()) {
            throw new IllegalArgumentException("the model has " + decoders.size() + " detection heads, got "
                    + heads.length + " tensors");
        }
        Candidates all = new Candidates(spec.classes(), 256);
        for (int h = 0; h < heads.length; h++) {
            HeadDecoder decoder = decoders.get(h);
            int size = decoder.itemSize();
            if (heads[h].length < (long) (item + 1) * size) {
                Head head = spec.heads().get(h);
                throw new IllegalArgumentException("head '" + head.outputName() + "' has " + heads[h].length
                        + " floats, batch item " + item + " needs " + size + " from offset " + (long) item * size
                        + " (" + head.channels() + "x" + head.gridHeight() + "x" + head.gridWidth() + " per item)");
            }
            decoder.decode(heads[h], item * size, settings.threshold(), all);
        }
        return all;
    }

    /**
     * Letterbox correction, NMS and the report: the second half of {@link #process}, also for
     * {@link Candidates#fromDense candidates a model decoded in its graph}. Modifies {@code candidates}.
     */
    public List<Detection> finish(Candidates candidates, ImagePlacement placement) {
        BoxCorrection.toImage(candidates, placement);
        nms.apply(candidates);
        return report(candidates, settings.threshold(), placement);
    }

    /**
     * One {@link Detection} per (candidate, class) with probability above {@code threshold}, boxes already
     * relative to the image, sorted by falling probability (darknet's {@code draw_detections} listing).
     */
    static List<Detection> report(Candidates candidates, float threshold, ImagePlacement placement) {
        List<Detection> out = new ArrayList<>();
        int classes = candidates.classes();
        for (int i = 0; i < candidates.size(); i++) {
            Box box = null;
            for (int k = 0; k < classes; k++) {
                float p = candidates.probability(i, k);
                if (p > threshold) {
                    box = box != null ? box : candidates.box(i);
                    out.add(new Detection(k, p, candidates.objectness(i), box,
                            PixelBox.of(box, placement.imageWidth(), placement.imageHeight())));
                }
            }
        }
        out.sort(Comparator.comparingDouble(Detection::probability).reversed());
        return out;
    }
}
