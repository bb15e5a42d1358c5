package dev.trtpipe.darknet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The registry of cfg sections trtpipe converts: section name (and darknet's aliases) → {@link SectionKind}.
 * Adding a section type is one line in {@link #standard()}; tests may extend a registry with
 * {@link #with(SectionKind)} to check that contract without touching the standard one.
 */
final class SectionKinds {

    private static final SectionKinds STANDARD = new SectionKinds(List.of(
            SectionKind.of(ConvolutionalLayer.TYPE, ConvolutionalLayer.class, ConvolutionalLayer::parse, "conv"),
            SectionKind.of(MaxpoolLayer.TYPE, MaxpoolLayer.class, MaxpoolLayer::parse, "max"),
            SectionKind.of(UpsampleLayer.TYPE, UpsampleLayer.class, UpsampleLayer::parse),
            SectionKind.of(RouteLayer.TYPE, RouteLayer.class, RouteLayer::parse),
            SectionKind.of(ShortcutLayer.TYPE, ShortcutLayer.class, ShortcutLayer::parse),
            SectionKind.of(YoloLayer.TYPE, YoloLayer.class, YoloLayer::parse),
            SectionKind.of(RegionLayer.TYPE, RegionLayer.class, RegionLayer::parse),
            SectionKind.of(ReorgLayer.TYPE, ReorgLayer.class, ReorgLayer::parse),
            SectionKind.of(Reorg3dLayer.TYPE, Reorg3dLayer.class, Reorg3dLayer::parse),
            SectionKind.of(SamLayer.TYPE, SamLayer.class, SamLayer::parse),
            SectionKind.of(ScaleChannelsLayer.TYPE, ScaleChannelsLayer.class, ScaleChannelsLayer::parse),
            SectionKind.of(DropoutLayer.TYPE, DropoutLayer.class, DropoutLayer::parse),
            SectionKind.of(AvgpoolLayer.TYPE, AvgpoolLayer.class, AvgpoolLayer::parse, "avg"),
            SectionKind.of(ConnectedLayer.TYPE, ConnectedLayer.class, ConnectedLayer::parse, "conn"),
            SectionKind.of(EmptyLayer.TYPE, EmptyLayer.class, EmptyLayer::parse, "silence")));

    /** Sections darknet knows but trtpipe does not convert; named in the error so users know why. */
    private static final Set<String> KNOWN_UNSUPPORTED = Set.of("deconvolutional", "deconv", "local", "local_avgpool",
            "local_avg", "batchnorm", "activation", "softmax", "soft", "cost", "crop", "normalization", "lrn",
            "logistic", "l2norm", "iseg", "rnn", "gru", "lstm", "crnn", "conv_lstm", "history", "implicit",
            "detection", "Gaussian_yolo", "contrastive");

    private final List<SectionKind> kinds;
    private final Map<String, SectionKind> byName;

    private SectionKinds(List<SectionKind> kinds) {
        this.kinds = List.copyOf(kinds);
        Map<String, SectionKind> names = new LinkedHashMap<>();
        for (SectionKind kind : this.kinds) {
            for (String name : kind.names()) {
                if (names.putIfAbsent(name, kind) != null) {
                    throw new IllegalArgumentException("section name [" + name + "] is registered twice");
                }
            }
        }
        this.byName = Collections.unmodifiableMap(names);
    }

    static SectionKinds standard() {
        return STANDARD;
    }

    /** This registry plus {@code kind} (listed last in {@link #supported()}). */
    SectionKinds with(SectionKind kind) {
        List<SectionKind> extended = new ArrayList<>(kinds);
        extended.add(kind);
        return new SectionKinds(extended);
    }

    /** In registration order. */
    List<SectionKind> kinds() {
        return kinds;
    }

    Layer parse(SectionReader s, LayerContext ctx) {
        SectionKind kind = byName.get(s.name());
        if (kind == null) {
            throw s.error(KNOWN_UNSUPPORTED.contains(s.name())
                    ? "is a darknet layer type trtpipe does not convert; supported: " + supported()
                    : "is not a darknet layer type (names are case-sensitive); supported: " + supported());
        }
        s.rejectUnless("dontload", "0", "the layer's weights would be missing from the file");
        s.rejectUnless("dontloadscales", "0", "the layer's BN arrays would be missing from the file");
        s.rejectUnless("numload", "0", "partially loaded filters");
        return kind.parser().apply(s, ctx);
    }

    /** The section names a cfg may use, for messages ({@code net, convolutional, maxpool, …}); aliases left out. */
    String supported() {
        return "net, " + kinds.stream().map(SectionKind::name).collect(Collectors.joining(", "));
    }
}
