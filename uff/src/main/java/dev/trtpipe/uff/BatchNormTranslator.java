package dev.trtpipe.uff;

/** {@code BatchNorm} (a fused batch norm the exporter did not unfold): inputs x, gamma, beta, mean, variance. */
final class BatchNormTranslator implements UffTranslator {

    @Override
    public void translate(UffNode node, UffTranslation t) {
        String[] in = new String[5];
        for (int i = 0; i < 5; i++) {
            in[i] = t.tensor(node.input(i));
        }
        t.onnx().node("BatchNormalization", node.id()).inputs(in).output(node.id())
                .attr("epsilon", (float) node.doubleValue("epsilon", 1e-3)).add();
        t.define(node.id(), t.shape(in[0]));
    }

    @Override
    public String describe(UffNode node) {
        return "BatchNormalization";
    }
}
