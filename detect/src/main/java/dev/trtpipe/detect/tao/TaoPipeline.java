package dev.trtpipe.detect.tao;

import dev.trtpipe.detect.DetectionPipeline;
import dev.trtpipe.detect.TensorInfo;
import dev.trtpipe.detect.postprocess.Box;
import dev.trtpipe.detect.postprocess.Detection;
import dev.trtpipe.detect.postprocess.PixelBox;
import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.RgbImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A TAO detector run as DeepStream's nvinfer runs it: {@link TaoPreprocessor}, then the layout's
 * candidates ({@link TaoOutputs}), the pre-cluster thresholds, per-class {@link Clustering}, and the
 * boxes scaled back to the frame (minus the padding offset with symmetric padding), clipped to it and
 * filtered by detected-min/max-w/h — {@code attach_metadata_detector}'s order.
 */
public final class TaoPipeline implements DetectionPipeline {

    private final TaoDetectionSpec spec;
    private final TaoOutputs outputs;
    private final TaoPreprocessor preprocessor;
    private final int netWidth;
    private final int netHeight;
    private final int classes;
    private final float[] thresholds;

    private TaoPipeline(TaoDetectionSpec spec, TaoOutputs outputs, int netWidth, int netHeight, int classes) {
        this.spec = spec;
        this.outputs = outputs;
        this.netWidth = netWidth;
        this.netHeight = netHeight;
        this.classes = classes;
        this.preprocessor = new TaoPreprocessor(spec, netWidth, netHeight);
        this.thresholds = new float[classes];
        for (int c = 0; c < classes; c++) {
            thresholds[c] = spec.attributes(c).preClusterThreshold();
        }
    }

    /**
     * The pipeline for a model with this input and these outputs.
     *
     * @throws IllegalArgumentException the outputs are no TAO layout, or the input size is unknown
     */
    public static TaoPipeline of(TaoDetectionSpec spec, TensorInfo input, List<TensorInfo> modelOutputs) {
        TaoOutputs layout = TaoOutputs.find(modelOutputs, spec.outputNames());
        long[] shape = input.shape();
        int height = spec.inputHeight();
        int width = spec.inputWidth();
        if (spec.inputChannels() == 0) {
            if (shape.length != 4 || shape[2] <= 0 || shape[3] <= 0) {
                throw new IllegalArgumentException("input " + input + " has no fixed size and the nvinfer config no"
                        + " infer-dims; add infer-dims=C;H;W to the config");
            }
            height = (int) shape[2];
            width = (int) shape[3];
        }
        int classes = spec.classes() > 0 ? spec.classes() : layout.modelClasses();
        if (classes <= 0) {
            throw new IllegalArgumentException("the outputs do not say how many classes the model has; set"
                    + " num-detected-classes in the nvinfer config");
        }
        return new TaoPipeline(spec, layout, width, height, classes);
    }

    public TaoDetectionSpec spec() {
        return spec;
    }

    @Override
    public int inputWidth() {
        return netWidth;
    }

    @Override
    public int inputHeight() {
        return netHeight;
    }

    @Override
    public int inputChannels() {
        return spec.colorFormat().channels();
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public ImagePlacement write(RgbImage image, float[] dst, int offset) {
        return preprocessor.write(image, dst, offset);
    }

    @Override
    public void checkOutputs(List<TensorInfo> modelOutputs) {
        TaoOutputs found = TaoOutputs.find(modelOutputs, spec.outputNames());
        if (!found.equals(outputs)) {
            throw new IllegalArgumentException("outputs " + modelOutputs + " are not " + outputs.describe());
        }
    }

    @Override
    public List<Detection> detections(Map<String, float[]> results, int item, ImagePlacement placement) throws IOException {
        List<NetBox> candidates = outputs.candidates(results, item, classes, netWidth, netHeight, thresholds);
        List<List<NetBox>> perClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            perClass.add(new ArrayList<>());
        }
        for (NetBox b : candidates) { // preClusteringThreshold: nvinfer applies it after any parser
            if (b.classId() < classes && b.confidence() >= thresholds[b.classId()]) {
                perClass.get(b.classId()).add(b);
            }
        }
        List<Detection> detections = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            if (perClass.get(c).isEmpty()) {
                continue;
            }
            ClassAttributes attrs = spec.attributes(c);
            for (NetBox b : Clustering.cluster(spec.clusterMode(), perClass.get(c), attrs)) {
                toFrame(b, placement, attrs).ifPresent(detections::add);
            }
        }
        detections.sort(Comparator.comparingDouble(Detection::probability).reversed());
        return detections;
    }

    /** The box in frame pixels, clipped to the frame, if it passes the size bounds. */
    private java.util.Optional<Detection> toFrame(NetBox b, ImagePlacement p, ClassAttributes attrs) {
        double ratioX = (double) p.scaledWidth() / p.imageWidth();
        double ratioY = (double) p.scaledHeight() / p.imageHeight();
        double left = (b.left() - preprocessor.offsetX(p)) / ratioX;
        double top = (b.top() - preprocessor.offsetY(p)) / ratioY;
        double right = Math.min(left + b.width() / ratioX, p.imageWidth());
        double bottom = Math.min(top + b.height() / ratioY, p.imageHeight());
        left = Math.max(left, 0);
        top = Math.max(top, 0);
        double width = right - left;
        double height = bottom - top;
        if (width <= 0 || height <= 0 || !attrs.sizeAllowed(width, height)) {
            return java.util.Optional.empty();
        }
        Box box = new Box((float) ((left + width / 2) / p.imageWidth()), (float) ((top + height / 2) / p.imageHeight()),
                (float) (width / p.imageWidth()), (float) (height / p.imageHeight()));
        // the pixels straight from the frame coordinates: through the relative box, float rounding can cost a pixel
        PixelBox pixels = new PixelBox((int) left, (int) top, Math.min((int) right, p.imageWidth() - 1),
                Math.min((int) bottom, p.imageHeight() - 1));
        return java.util.Optional.of(new Detection(b.classId(), b.confidence(), Float.NaN, box, pixels));
    }

    @Override
    public String describePreprocessing() {
        return spec.describePreprocessing();
    }

    @Override
    public String describePostprocessing() {
        ClassAttributes a = spec.allClasses();
        return String.format(Locale.ROOT, "%s, cluster-mode %d (%s), pre-cluster-threshold %s, nms-iou-threshold %s%s",
                outputs.describe(), spec.clusterMode().nvinferValue(), spec.clusterMode().name().toLowerCase(Locale.ROOT),
                a.preClusterThreshold(), a.nmsIouThreshold(), spec.perClass().isEmpty() ? "" : " (+" + spec.perClass().size()
                        + " class-attrs groups)");
    }
}
