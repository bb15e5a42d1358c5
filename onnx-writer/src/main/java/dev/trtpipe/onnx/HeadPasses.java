package dev.trtpipe.onnx;

import dev.trtpipe.darknet.HeadMode;

/** The {@link GraphPass} that gives a converted model the outputs of a {@link HeadMode}. */
public final class HeadPasses {

    private HeadPasses() {
    }

    /** Raw: nothing to do (the converter's outputs); decode: {@link DecodeHeadsPass}; nms: decode, then the NMS pass of its op. */
    public static GraphPass of(HeadMode mode) {
        if (mode instanceof HeadMode.Decode) {
            return new DecodeHeadsPass();
        }
        if (mode instanceof HeadMode.Nms nms) {
            GraphPass suppress = nms.op() == HeadMode.NmsOp.ONNX ? new OnnxNmsPass(nms) : new EfficientNmsPluginPass(nms);
            return new DecodeHeadsPass().andThen(suppress);
        }
        return model -> { };
    }
}
