package dev.trtpipe.darknet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A darknet network read from a {@code .cfg}: the {@code [net]} options and every layer as a typed,
 * immutable record with its shapes resolved. Parsing follows darknet's lexical rules (darknet.md §2) but
 * fails, with file and line, where darknet would silently build a different network.
 */
public final class DarknetModel {

    /** Default cap on what a cfg may ask for: weights plus every layer output, float32, batch 1. */
    public static final long DEFAULT_MEMORY_LIMIT_BYTES = 16L << 30;

    private final String fileName;
    private final NetConfig net;
    private final List<Layer> layers;
    private final List<String> warnings;

    private DarknetModel(String fileName, NetConfig net, List<Layer> layers, List<String> warnings) {
        this.fileName = fileName;
        this.net = net;
        this.layers = List.copyOf(layers);
        this.warnings = List.copyOf(warnings);
    }

    public static DarknetModel parse(Path cfg) throws IOException {
        return parse(cfg, DEFAULT_MEMORY_LIMIT_BYTES);
    }

    public static DarknetModel parse(Path cfg, long memoryLimitBytes) throws IOException {
        byte[] bytes = Files.readAllBytes(cfg);
        String name = cfg.toString();
        for (byte b : bytes) {
            if (b == 0) {
                throw new DarknetFormatException(name + " contains NUL bytes: it is not a text cfg (a .weights file?)");
            }
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), name, memoryLimitBytes);
    }

    public static DarknetModel parse(String text, String fileName) {
        return parse(text, fileName, DEFAULT_MEMORY_LIMIT_BYTES);
    }

    /**
     * @param memoryLimitBytes fail when the weights plus all layer outputs (float32, batch 1) would need more
     * @throws DarknetFormatException naming the file and line of the first problem
     */
    public static DarknetModel parse(String text, String fileName, long memoryLimitBytes) {
        return parse(text, fileName, memoryLimitBytes, SectionKinds.standard());
    }

    /** As {@link #parse(String, String, long)}, with the section types of {@code kinds} (tests add their own). */
    static DarknetModel parse(String text, String fileName, long memoryLimitBytes, SectionKinds kinds) {
        List<String> warnings = new ArrayList<>();
        List<CfgSection> sections = new CfgLexer(fileName, warnings::add).lex(text);
        if (sections.isEmpty()) {
            throw new DarknetFormatException(fileName + " has no sections (empty file?); a cfg starts with [net]");
        }
        CfgSection first = sections.get(0);
        if (!first.name().equals("net") && !first.name().equals("network")) {
            throw DarknetFormatException.at(fileName, first.line(), "the first section must be [net], not [" + first.name() + "]");
        }
        SectionReader netReader = new SectionReader(fileName, first);
        NetConfig net = NetConfig.parse(netReader);
        netReader.reportUnused(warnings::add);
        if (sections.size() == 1) {
            throw new DarknetFormatException(fileName + " has a [net] section but no layers");
        }

        List<Layer> layers = new ArrayList<>(sections.size() - 1);
        long bytesNeeded = 4 * net.input().elements();
        for (CfgSection section : sections.subList(1, sections.size())) {
            SectionReader reader = new SectionReader(fileName, section);
            if (section.name().equals("net") || section.name().equals("network")) {
                throw reader.error("may appear only once, as the first section");
            }
            Layer layer;
            try {
                layer = kinds.parse(reader, new LayerContext(net, layers, reader));
            } catch (ArithmeticException e) {
                throw reader.error("sizes overflow; check width/height in [net] and this layer's options");
            }
            reader.reportUnused(warnings::add);
            layers.add(layer);
            bytesNeeded += 4 * (layer.output().elements() + layer.weightCount());
            if (bytesNeeded > memoryLimitBytes) {
                throw reader.error("brings the network to " + mib(bytesNeeded) + " MiB of weights and layer outputs, over the "
                        + mib(memoryLimitBytes) + " MiB limit; check width/height/filters or raise the memory limit");
            }
        }
        return new DarknetModel(fileName, net, layers, warnings);
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    /** The cfg's path or name, as used in messages. */
    public String fileName() {
        return fileName;
    }

    public NetConfig net() {
        return net;
    }

    public List<Layer> layers() {
        return layers;
    }

    public Layer layer(int index) {
        return layers.get(index);
    }

    /** Non-fatal findings: unused keys, ignored lines, cut comments (one line each, with file and line). */
    public List<String> warnings() {
        return warnings;
    }

    /** The number of float32 values a matching {@code .weights} file holds after its header. */
    public long weightCount() {
        return layers.stream().mapToLong(Layer::weightCount).sum();
    }

    /**
     * The detection heads, in cfg order, each naming the raw tensor feeding it ({@code NNN_convolutional},
     * the ONNX graph output); empty for networks without {@code [yolo]}/{@code [region]} (classifiers).
     * The NMS kind and beta come from the last {@code [yolo]} layer, as in AB darknet.
     */
    public Optional<DetectionSpec> detectionSpec() {
        List<DetectionSpec.Head> heads = new ArrayList<>();
        NmsKind nms = NmsKind.DEFAULT;
        float betaNms = 0.6f;
        for (Layer layer : layers) {
            if (layer instanceof YoloLayer y) {
                heads.add(new DetectionSpec.Head(y.index(), DetectionSpec.HeadKind.YOLO, headInputName(y),
                        y.output().width(), y.output().height(), y.classes(), y.maskedAnchors(), y.scaleXY(), y.newCoords()));
                nms = y.nmsKind();
                betaNms = y.betaNms();
            } else if (layer instanceof RegionLayer r) {
                heads.add(new DetectionSpec.Head(r.index(), DetectionSpec.HeadKind.REGION, headInputName(r),
                        r.output().width(), r.output().height(), r.classes(), r.anchors(), 1f, false));
            }
        }
        if (heads.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DetectionSpec(net.width(), net.height(), net.channels(), net.letterBox(), nms, betaNms, heads));
    }

    /** The tensor a head decodes: the output of the layer before it (or the network input). */
    private String headInputName(Layer head) {
        return head.index() == 0 ? INPUT_NAME : layers.get(head.index() - 1).tensorName();
    }

    /** Name of the network input tensor. */
    public static final String INPUT_NAME = "input";
}
