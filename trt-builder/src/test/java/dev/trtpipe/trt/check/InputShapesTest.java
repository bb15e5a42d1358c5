package dev.trtpipe.trt.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.detect.TensorInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputShapesTest {

    private static final TensorInfo IMAGES = new TensorInfo("images", new long[] {-1, 3, -1, -1}, "float");
    private static final TensorInfo IDS = new TensorInfo("ids", new long[] {-1, 4}, "int64");

    @Test
    void givenShapesWinThenTheEngineOptThenBatchOne() {
        Map<String, long[]> s = InputShapes.resolve(List.of(IMAGES, IDS), Map.of("images", new long[] {2, 3, 224, 224}), Map.of());
        assertThat(s.get("images")).containsExactly(2, 3, 224, 224);
        assertThat(s.get("ids")).as("the batch given for images").containsExactly(2, 4);
        assertThat(InputShapes.resolve(List.of(IDS), Map.of(), Map.of()).get("ids")).containsExactly(1, 4);
        Map<String, long[]> opt = InputShapes.resolve(List.of(IMAGES), Map.of(), Map.of("images", new long[] {4, 3, 320, 320}));
        assertThat(opt.get("images")).containsExactly(4, 3, 320, 320);
    }

    @Test
    void aDynamicDimensionBesidesTheBatchMustBeGiven() {
        assertThatThrownBy(() -> InputShapes.resolve(List.of(IMAGES), Map.of(), Map.of()))
                .hasMessage("input 'images' is ?x3x?x? with a dynamic dimension 2; give its shape, e.g. the input shape images:1x3x1x1");
    }

    @Test
    void aGivenShapeMustFitTheFixedDimensionsAndNameAnInput() {
        assertThatThrownBy(() -> InputShapes.resolve(List.of(IDS), Map.of("ids", new long[] {1, 5}), Map.of()))
                .hasMessageContaining("input 'ids' is ?x4 in the model; 1x5 does not fit it");
        assertThatThrownBy(() -> InputShapes.resolve(List.of(IDS), Map.of("idz", new long[] {1, 4}), Map.of()))
                .hasMessageContaining("the model has no input 'idz'; its inputs are [ids]");
    }

    @Test
    void parsesTheShapesOption() {
        Map.Entry<String, long[]> e = InputShapes.parse("input_1:1x3x480x640");
        assertThat(e.getKey()).isEqualTo("input_1");
        assertThat(e.getValue()).containsExactly(1, 3, 480, 640);
        assertThat(InputShapes.parse("a:b:2x3").getKey()).isEqualTo("a:b"); // TensorFlow-style names keep their colon
        assertThatThrownBy(() -> InputShapes.parse("images")).hasMessageContaining("must be name:DIMS");
        assertThatThrownBy(() -> InputShapes.parse("images:1x-3")).hasMessageContaining("non-negative integers");
    }
}
