package dev.trtpipe.onnx;

import dev.trtpipe.darknet.DetectionSpec;
import dev.trtpipe.darknet.DetectionSpec.Head;
import dev.trtpipe.darknet.DetectionSpec.HeadKind;
import java.util.List;

/**
 * darknet's candidates written out from its own {@code [yolo]} / {@code [region]} layer outputs (in-place
 * activations, references.md §2.3), in darknet's candidate order: the reference for the in-graph decode.
 * Boxes by darknet.md §6.11/§6.12 in double; {@code [region]} from pjreddie's NCHW layout.
 */
record DarknetCandidates(float[] boxes, float[] objectness, float[] scores) {

    /** {@code layerOutputs}: one darknet layer output per head of {@code spec}, in order. */
    static DarknetCandidates of(DetectionSpec spec, List<float[]> layerOutputs) {
        int total = spec.heads().stream().mapToInt(h -> h.anchorCount() * h.gridWidth() * h.gridHeight()).sum();
        int classes = spec.classes();
        DarknetCandidates out = new DarknetCandidates(new float[4 * total], new float[total], new float[classes * total]);
        int next = 0;
        for (int h = 0; h < layerOutputs.size(); h++) {
            Head head = spec.heads().get(h);
            int cells = head.gridWidth() * head.gridHeight();
            boolean yolo = head.kind() == HeadKind.YOLO;
            for (int outer = 0; outer < (yolo ? cells : head.anchorCount()); outer++) {
                for (int inner = 0; inner < (yolo ? head.anchorCount() : cells); inner++) {
                    int cell = yolo ? outer : inner;
                    int anchor = yolo ? inner : outer;
                    out.put(next++, spec, head, layerOutputs.get(h), anchor, cell);
                }
            }
        }
        return out;
    }

    private void put(int slot, DetectionSpec spec, Head head, float[] layer, int anchor, int cell) {
        int cells = head.gridWidth() * head.gridHeight();
        int base = anchor * (5 + head.classes()) * cells + cell;
        double col = cell % head.gridWidth();
        double row = cell / head.gridWidth();
        double tw = layer[base + 2 * cells];
        double th = layer[base + 3 * cells];
        float[] anchors = head.anchors();
        boxes[4 * slot] = (float) ((col + layer[base]) / head.gridWidth());
        boxes[4 * slot + 1] = (float) ((row + layer[base + cells]) / head.gridHeight());
        if (head.kind() == HeadKind.REGION) {
            boxes[4 * slot + 2] = (float) (Math.exp(tw) * anchors[2 * anchor] / head.gridWidth());
            boxes[4 * slot + 3] = (float) (Math.exp(th) * anchors[2 * anchor + 1] / head.gridHeight());
        } else if (head.newCoords()) {
            boxes[4 * slot + 2] = (float) (tw * tw * 4 * anchors[2 * anchor] / spec.inputWidth());
            boxes[4 * slot + 3] = (float) (th * th * 4 * anchors[2 * anchor + 1] / spec.inputHeight());
        } else {
            boxes[4 * slot + 2] = (float) (Math.exp(tw) * anchors[2 * anchor] / spec.inputWidth());
            boxes[4 * slot + 3] = (float) (Math.exp(th) * anchors[2 * anchor + 1] / spec.inputHeight());
        }
        float obj = layer[base + 4 * cells];
        objectness[slot] = obj;
        for (int k = 0; k < head.classes(); k++) {
            scores[slot * head.classes() + k] = obj * layer[base + (5 + k) * cells];
        }
    }
}
