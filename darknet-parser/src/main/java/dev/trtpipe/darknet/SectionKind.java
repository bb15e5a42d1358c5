package dev.trtpipe.darknet;

import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Everything darknet-parser knows about one cfg section type, registered once in {@link SectionKinds}:
 * its name (as in darknet's logs and {@code ref/} manifests), darknet's aliases for it, the {@link Layer}
 * record it becomes and the parser building that record. The record itself carries the rest — its options,
 * output shape, {@link Layer#weightLayout() weights layout} and {@link Layer#parameters() summary} — so a
 * new section is one record class plus one line in {@link SectionKinds#standard()} here, and one translator
 * plus one line in onnx-writer's {@code LayerTranslators} (checked complete by a test).
 *
 * @param name the section name and {@link Layer#type()} of its records
 * @param aliases other section names darknet accepts for it ({@code conv}, {@code max}, …)
 */
record SectionKind(String name, List<String> aliases, Class<? extends Layer> layerType,
                   BiFunction<SectionReader, LayerContext, ? extends Layer> parser) {

    SectionKind {
        aliases = List.copyOf(aliases);
    }

    static <L extends Layer> SectionKind of(String name, Class<L> layerType,
                                            BiFunction<SectionReader, LayerContext, L> parser, String... aliases) {
        return new SectionKind(name, List.of(aliases), layerType, parser);
    }

    /** The section names that select this kind: the name, then the aliases. */
    List<String> names() {
        return Stream.concat(Stream.of(name), aliases.stream()).toList();
    }
}
