package dev.trtpipe.darknet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Test access to the section registry (package-private), for onnx-writer's tests too (test-jar). */
public final class TestSections {

    /** The standard registry plus the test-only {@code [channel_bias]}: its one registration. */
    static final SectionKinds WITH_CHANNEL_BIAS = SectionKinds.standard()
            .with(SectionKind.of(ChannelBiasLayer.TYPE, ChannelBiasLayer.class, ChannelBiasLayer::parse));

    private TestSections() {
    }

    public static DarknetModel parseWithChannelBias(String cfgText, String fileName) {
        return DarknetModel.parse(cfgText, fileName, DarknetModel.DEFAULT_MEMORY_LIMIT_BYTES, WITH_CHANNEL_BIAS);
    }

    /** Writes a version 0.2.0 {@code .weights} file (20-byte header, 64-bit 'seen') holding {@code values}. */
    public static Path writeWeights(Path file, float... values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(20 + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0).putInt(2).putInt(0).putLong(0);
        for (float v : values) {
            b.putFloat(v);
        }
        return Files.write(file, b.array());
    }

    /** The {@link Layer} record types of every section darknet-parser converts. */
    public static List<Class<? extends Layer>> standardLayerTypes() {
        return SectionKinds.standard().kinds().stream().<Class<? extends Layer>>map(SectionKind::layerType).toList();
    }
}
