package dev.trtpipe.darknet;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code [route]}: the channel concatenation of earlier layers; with AB's {@code groups}/{@code group_id}
 * only the {@code group_id}-th of {@code groups} equal channel chunks of each (darknet.md §6.6).
 */
public record RouteLayer(LayerInfo info, List<Integer> sources, int groups, int groupId) implements Layer {

    public static final String TYPE = "route";

    public RouteLayer {
        sources = List.copyOf(sources);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String parameters() {
        return "layers=" + sources.stream().map(String::valueOf).collect(Collectors.joining(","))
                + (groups > 1 ? " groups=" + groups + " group_id=" + groupId : "");
    }

    static RouteLayer parse(SectionReader s, LayerContext ctx) {
        List<Integer> sources = ctx.resolveAll("layers", s.requireInts("layers"));
        int groups = ctx.positive("groups", s.getInt("groups", 1));
        int groupId = s.getInt("group_id", 0);
        if (groupId < 0 || groupId >= groups) {
            throw s.error(s.lineOf("group_id"), "group_id=" + groupId + " must be in 0.." + (groups - 1));
        }
        s.ignore("stream", "wait_stream");
        Shape first = ctx.layer(sources.get(0)).output();
        int channels = 0;
        for (int source : sources) {
            Shape shape = ctx.layer(source).output();
            if (shape.height() != first.height() || shape.width() != first.width()) {
                throw s.error(s.lineOf("layers"), "cannot concatenate layer " + sources.get(0) + " (" + first
                        + ") with layer " + source + " (" + shape + "): heights and widths differ");
            }
            if (shape.channels() % groups != 0) {
                throw s.error(s.lineOf("groups"), "groups=" + groups + " does not divide the " + shape.channels()
                        + " channels of layer " + source);
            }
            channels += shape.channels() / groups;
        }
        return new RouteLayer(ctx.info(new Shape(channels, first.height(), first.width())), sources, groups, groupId);
    }
}
