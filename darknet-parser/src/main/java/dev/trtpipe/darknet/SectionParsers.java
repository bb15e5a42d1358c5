package dev.trtpipe.darknet;

import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/** Section name (and darknet's aliases) → the parser of its {@link Layer} record. */
final class SectionParsers {

    private static final Map<String, BiFunction<SectionReader, LayerContext, Layer>> PARSERS = Map.ofEntries(
            Map.entry("convolutional", ConvolutionalLayer::parse),
            Map.entry("conv", ConvolutionalLayer::parse),
            Map.entry("maxpool", MaxpoolLayer::parse),
            Map.entry("max", MaxpoolLayer::parse),
            Map.entry("upsample", UpsampleLayer::parse),
            Map.entry("route", RouteLayer::parse),
            Map.entry("shortcut", ShortcutLayer::parse),
            Map.entry("yolo", YoloLayer::parse),
            Map.entry("region", RegionLayer::parse),
            Map.entry("reorg", ReorgLayer::parse),
            Map.entry("reorg3d", Reorg3dLayer::parse),
            Map.entry("sam", SamLayer::parse),
            Map.entry("scale_channels", ScaleChannelsLayer::parse),
            Map.entry("dropout", DropoutLayer::parse),
            Map.entry("avgpool", AvgpoolLayer::parse),
            Map.entry("avg", AvgpoolLayer::parse),
            Map.entry("connected", ConnectedLayer::parse),
            Map.entry("conn", ConnectedLayer::parse),
            Map.entry("empty", EmptyLayer::parse),
            Map.entry("silence", EmptyLayer::parse));

    /** Sections darknet knows but trtpipe does not convert; named in the error so users know why. */
    private static final Set<String> KNOWN_UNSUPPORTED = Set.of("deconvolutional", "deconv", "local", "local_avgpool",
            "local_avg", "batchnorm", "activation", "softmax", "soft", "cost", "crop", "normalization", "lrn",
            "logistic", "l2norm", "iseg", "rnn", "gru", "lstm", "crnn", "conv_lstm", "history", "implicit",
            "detection", "Gaussian_yolo", "contrastive");

    private SectionParsers() {
    }

    static Layer parse(SectionReader s, LayerContext ctx) {
        BiFunction<SectionReader, LayerContext, Layer> parser = PARSERS.get(s.name());
        if (parser == null) {
            throw s.error(KNOWN_UNSUPPORTED.contains(s.name())
                    ? "is a darknet layer type trtpipe does not convert; supported: " + supported()
                    : "is not a darknet layer type (names are case-sensitive); supported: " + supported());
        }
        s.rejectUnless("dontload", "0", "the layer's weights would be missing from the file");
        s.rejectUnless("dontloadscales", "0", "the layer's BN arrays would be missing from the file");
        s.rejectUnless("numload", "0", "partially loaded filters");
        return parser.apply(s, ctx);
    }

    static String supported() {
        return "net, convolutional, maxpool, upsample, route, shortcut, yolo, region, reorg, reorg3d, sam, "
                + "scale_channels, dropout, avgpool, connected, empty";
    }
}
