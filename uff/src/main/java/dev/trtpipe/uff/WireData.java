package dev.trtpipe.uff;

import com.google.protobuf.CodedInputStream;
import dev.trtpipe.uff.proto.Uff.Data;
import java.io.IOException;

/**
 * A UFF {@code Data} value left in the serialized graph ({@link UffWireReader}): parsed on first use, with
 * blobs aliasing the graph's bytes rather than copied. Its {@code ref} is known without parsing, for the
 * graph checks.
 */
final class WireData {

    /** A map entry without a value: the default {@code Data}, as protobuf-java reads it. */
    static final WireData EMPTY = new WireData(new byte[0], 0, 0, null);

    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final String ref;
    private Data parsed;

    WireData(byte[] bytes, int offset, int length, String ref) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.ref = ref;
    }

    /** {@code second} merged into {@code first}, parsed now. */
    static WireData merged(WireData first, WireData second) {
        Data data = first.get().toBuilder().mergeFrom(second.get()).build();
        WireData w = new WireData(null, 0, 0, data.hasRef() ? data.getRef() : null);
        w.parsed = data;
        return w;
    }

    /** The referenced-data key this value points to, or null when it holds its value itself. */
    String ref() {
        return ref;
    }

    Data get() {
        if (parsed == null) {
            CodedInputStream in = CodedInputStream.newInstance(bytes, offset, length);
            in.enableAliasing(true);
            in.setSizeLimit(Integer.MAX_VALUE);
            try {
                parsed = Data.parseFrom(in);
            } catch (IOException e) {
                // UffWireReader checked these bytes with the same rules: reaching this is a bug, not bad input
                throw new IllegalStateException("a UFF Data value that passed the wire checks does not parse: " + e.getMessage(), e);
            }
        }
        return parsed;
    }
}
