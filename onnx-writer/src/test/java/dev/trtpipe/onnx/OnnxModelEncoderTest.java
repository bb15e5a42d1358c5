package dev.trtpipe.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.trtpipe.darknet.ref.SharedFiles;
import dev.trtpipe.onnx.proto.Onnx.ModelProto;
import dev.trtpipe.onnx.proto.Onnx.StringStringEntryProto;
import dev.trtpipe.onnx.proto.Onnx.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The direct encoder's bytes equal protobuf-java's serialization of the same model. */
class OnnxModelEncoderTest {

    /** What protobuf-java writes: the model without metadata, then the metadata (which parse as their merge). */
    private static byte[] protobufJava(OnnxGraph g, String producerVersion) {
        ByteString model = g.modelWithoutMetadata(producerVersion).toByteString();
        return model.concat(g.metadataOnly(Map.of()).toByteString()).toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ref/mini/yolov3-tiny", "ref/mini/yolov4", "ref/mini/yolov7-tiny"})
    void darknetFixturesEncodeAsProtobufJavaSerializesThem(String fixture) throws Exception {
        OnnxGraph g = Fixtures.mini(SharedFiles.resolve(fixture)).convert(ConversionOptions.defaults()).graph();
        assertThat(OnnxModelEncoder.encode(g, "v1", Map.of())).isEqualTo(protobufJava(g, "v1"));
    }

    @Test
    void everyKindOfInitializerNodeAndAttributeEncodesAsProtobufJavaSerializesThem() {
        OnnxGraph g = new OnnxGraph("every kind", 17);
        g.importDomain("trt", 1);
        g.addInput("x", new long[] {-1, 3, 300, 300}, true);
        float[] values = new float[70]; // raw_data longer than 127 bytes: a two-byte length
        for (int i = 0; i < values.length; i++) {
            values[i] = i * -0.25f;
        }
        String w = g.addInitializer("w", new long[] {7, 10}, values);
        String computed = g.addInitializer("computed/é", new long[] {2, 3}, (target, index) -> {
            for (int i = 0; i < 6; i++) {
                target.putFloat(index + 4 * i, i + 0.5f);
            }
        });
        String scalar = g.floatConstant(2f);
        String shape = g.int64Constant(-1, 300, 9_000_000_000L);
        g.addRawInitializer("empty", new long[] {0}, TensorProto.DataType.FLOAT, ByteString.EMPTY);
        g.int64Scalar(-5);
        String y = g.node("MatMul", "mm").inputs("x", w).output("y").attr("alpha", 0.5f).attr("axis", -3L)
                .attr("mode", "nearest").ints("perm", 0, 2, 1).floats("scales", 1f, 2f).strings("names", "a", "").doc("why").add();
        String z = g.node("Mul", "mul").inputs(y, scalar, computed, shape, "").outputs("z", "z2").add();
        g.node("NMS_TRT", "nms").domain("trt").inputs(z).output("nms").add();
        g.addOutput("z", new long[] {-1, 7}, true);
        g.addOutput("nms", TensorProto.DataType.INT32, null, false);
        g.putMetadata("trtpipe.source", "UFF");
        g.putMetadata("key ü", "");

        byte[] encoded = OnnxModelEncoder.encode(g, "", Map.of());
        assertThat(encoded).isEqualTo(protobufJava(g, ""));
        assertThat(OnnxModelWriter.toBytes(g, "uff-0.1")).isEqualTo(protobufJava(g, "uff-0.1"));
    }

    @Test
    void aDirectBufferFromAnOffsetGetsTheSameBytesAndThePositionEndsAfterThem() {
        OnnxGraph g = new OnnxGraph("g", 13);
        g.addInput("x", new long[] {1, 4}, true);
        String c = g.addInitializer("c", new long[] {4}, (target, index) -> {
            for (int i = 0; i < 4; i++) {
                target.putFloat(index + 4 * i, -i);
            }
        });
        g.node("Add", "add").inputs("x", c).output("y").add();
        g.addOutput("y", new long[] {1, 4}, true);
        OnnxModelEncoder encoder = new OnnxModelEncoder(g, "p", Map.of("k", "v"));
        ByteBuffer direct = ByteBuffer.allocateDirect(encoder.size() + 10).order(ByteOrder.BIG_ENDIAN); // the order is the encoder's
        direct.position(7);
        encoder.encodeInto(direct);

        assertThat(direct.position()).isEqualTo(7 + encoder.size());
        byte[] bytes = new byte[encoder.size()];
        direct.get(7, bytes);
        ModelProto metadata = ModelProto.newBuilder()
                .addMetadataProps(StringStringEntryProto.newBuilder().setKey("k").setValue("v")).build();
        assertThat(bytes).isEqualTo(g.modelWithoutMetadata("p").toByteString().concat(metadata.toByteString()).toByteArray());
    }

    @Test
    void computedInitializersAreWrittenIntoTheModelAsTheyAreComputed() throws Exception {
        OnnxGraph g = new OnnxGraph("", 11); // no graph name: the field is left out
        g.addInput("x", new long[] {1, 2}, false);
        String c = g.addInitializer("c", new long[] {2}, (target, index) ->
                target.putFloat(index, 3f).putFloat(index + 4, -4f));
        g.node("Add", "add").inputs("x", c).output("y").add();
        g.addOutput("y", new long[] {1, 2}, false);

        byte[] encoded = OnnxModelWriter.toBytes(g, "p");
        assertThat(encoded).isEqualTo(protobufJava(g, "p"));
        TensorProto parsed = ModelProto.parseFrom(encoded).getGraph().getInitializer(0);
        assertThat(parsed.getDimsList()).containsExactly(2L);
        assertThat(ByteBuffer.wrap(parsed.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(1)).isEqualTo(-4f);
    }
}
