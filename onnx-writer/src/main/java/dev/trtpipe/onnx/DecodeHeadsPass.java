package dev.trtpipe.onnx;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.HeadMode;
import dev.trtpipe.detect.SettingException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --head decode}: replaces the raw head outputs by darknet's decoded candidates over all heads,
 * {@value HeadMode.Decode#BOXES} {@code [N, K, 4]}, {@value HeadMode.Decode#OBJECTNESS} {@code [N, K, 1]} and
 * {@value HeadMode.Decode#SCORES} {@code [N, K, C]} (see {@link HeadDecodeEmitter}), heads concatenated in
 * cfg order, and records {@code darknet.head_mode=decode}.
 *
 * <p>Boxes stay relative to the network input, darknet's own convention: the letterbox correction
 * depends on each image's size, so it happens outside the model. Objectness is exported because darknet
 * thresholds candidates on it (and reports it); thresholds and NMS stay outside, which keeps every NMS
 * variant darknet-exact.
 */
public final class DecodeHeadsPass implements GraphPass {

    @Override
    public void apply(ConvertedModel model) {
        DetectionSpec spec = model.detectionSpec().orElseThrow(() -> new SettingException(
                model.source().fileName() + " has no [yolo] or [region] layer, so there is nothing to decode; use {HEAD} raw"));
        OnnxGraph g = model.graph();
        HeadDecodeEmitter emitter = new HeadDecodeEmitter(g, spec);
        List<String> boxes = new ArrayList<>();
        List<String> objectness = new ArrayList<>();
        List<String> scores = new ArrayList<>();
        long candidates = 0;
        for (HeadOutput head : model.heads()) {
            HeadDecodeEmitter.Decoded d = emitter.emit(head);
            boxes.add(d.boxes());
            objectness.add(d.objectness());
            scores.add(d.scores());
            candidates += (long) head.head().anchorCount() * head.head().gridWidth() * head.head().gridHeight();
            if (!model.options().exposeLayers()) {
                g.removeOutput(head.tensor());
            }
        }
        boolean dynamic = model.options().dynamicBatch();
        g.addOutput(concat(g, boxes, HeadMode.Decode.BOXES), new long[]{1, candidates, 4}, dynamic);
        g.addOutput(concat(g, objectness, HeadMode.Decode.OBJECTNESS), new long[]{1, candidates, 1}, dynamic);
        g.addOutput(concat(g, scores, HeadMode.Decode.SCORES), new long[]{1, candidates, spec.classes()}, dynamic);
        HeadMode.decode().toMetadata().forEach(g::putMetadata);
    }

    private static String concat(OnnxGraph g, List<String> perHead, String name) {
        return g.node("Concat", "decode/" + name).inputs(perHead.toArray(String[]::new)).output(name).attr("axis", 1L)
                .doc("trtpipe --head decode: candidates of every head, in cfg order").add();
    }
}
