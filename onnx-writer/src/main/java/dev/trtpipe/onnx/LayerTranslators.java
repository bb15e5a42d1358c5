package dev.trtpipe.onnx;

import dev.trtpipe.darknet.AvgpoolLayer;
import dev.trtpipe.darknet.ConnectedLayer;
import dev.trtpipe.darknet.ConvolutionalLayer;
import dev.trtpipe.darknet.DropoutLayer;
import dev.trtpipe.darknet.EmptyLayer;
import dev.trtpipe.darknet.Layer;
import dev.trtpipe.darknet.MaxpoolLayer;
import dev.trtpipe.darknet.RegionLayer;
import dev.trtpipe.darknet.Reorg3dLayer;
import dev.trtpipe.darknet.ReorgLayer;
import dev.trtpipe.darknet.RouteLayer;
import dev.trtpipe.darknet.SamLayer;
import dev.trtpipe.darknet.ScaleChannelsLayer;
import dev.trtpipe.darknet.ShortcutLayer;
import dev.trtpipe.darknet.UpsampleLayer;
import dev.trtpipe.darknet.YoloLayer;
import java.util.HashMap;
import java.util.Map;

/**
 * The registry: one translator per darknet layer record type, the ONNX half of darknet-parser's
 * {@code SectionKinds} (kept apart because darknet-parser must not depend on onnx-writer; a test checks that
 * every registered section type has a translator here). Adding a section is one line in {@code BY_TYPE}.
 */
final class LayerTranslators {

    private static final AliasTranslator ALIAS = new AliasTranslator();

    private static final Map<Class<? extends Layer>, LayerTranslator<?>> BY_TYPE = Map.ofEntries(
            Map.entry(ConvolutionalLayer.class, new ConvolutionalTranslator()),
            Map.entry(MaxpoolLayer.class, new MaxpoolTranslator()),
            Map.entry(UpsampleLayer.class, new UpsampleTranslator()),
            Map.entry(RouteLayer.class, new RouteTranslator()),
            Map.entry(ShortcutLayer.class, new ShortcutTranslator()),
            Map.entry(YoloLayer.class, ALIAS),
            Map.entry(RegionLayer.class, ALIAS),
            Map.entry(ReorgLayer.class, new ReorgTranslator()),
            Map.entry(Reorg3dLayer.class, new Reorg3dTranslator()),
            Map.entry(SamLayer.class, new SamTranslator()),
            Map.entry(ScaleChannelsLayer.class, new ScaleChannelsTranslator()),
            Map.entry(DropoutLayer.class, ALIAS),
            Map.entry(AvgpoolLayer.class, new AvgpoolTranslator()),
            Map.entry(ConnectedLayer.class, new ConnectedTranslator()),
            Map.entry(EmptyLayer.class, ALIAS));

    private static final LayerTranslators STANDARD = new LayerTranslators(BY_TYPE);

    private final Map<Class<? extends Layer>, LayerTranslator<?>> byType;

    private LayerTranslators(Map<Class<? extends Layer>, LayerTranslator<?>> byType) {
        this.byType = Map.copyOf(byType);
    }

    static LayerTranslators standard() {
        return STANDARD;
    }

    /** This registry plus {@code translator} for {@code layerType} (tests register test-only sections). */
    <L extends Layer> LayerTranslators with(Class<L> layerType, LayerTranslator<L> translator) {
        Map<Class<? extends Layer>, LayerTranslator<?>> extended = new HashMap<>(byType);
        extended.put(layerType, translator);
        return new LayerTranslators(extended);
    }

    boolean supports(Class<?> layerType) {
        return byType.containsKey(layerType);
    }

    @SuppressWarnings("unchecked")
    <L extends Layer> void translate(L layer, TranslationContext ctx) {
        LayerTranslator<L> translator = (LayerTranslator<L>) byType.get(layer.getClass());
        if (translator == null) {
            throw new IllegalStateException("no translator for " + layer.getClass().getSimpleName());
        }
        translator.translate(layer, ctx);
    }
}
