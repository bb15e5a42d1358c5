package dev.trtpipe.etlt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trtpipe.trt.Precision;
import dev.trtpipe.trt.ShapeProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** tao-converter's flags and defaults as docs/peers.md §4.1 lists them. */
class TaoConverterArgsTest {

    @Test
    void appliesTaoConvertersDefaults() {
        TaoConverterArgs args = TaoCommandLine.parse("-k", "nvidia_tlt", "model.etlt");

        assertThat(args.model()).isEqualTo(Path.of("model.etlt"));
        assertThat(args.key()).isEqualTo("nvidia_tlt");
        assertThat(args.engine()).isEqualTo(Path.of("saved.engine"));
        assertThat(args.precision()).isEqualTo(Precision.FP32);
        assertThat(args.workspaceBytes()).isEqualTo(1L << 30);
        assertThat(args.calibrationCacheOrDefault()).isEqualTo(Path.of("cal.bin"));
        assertThat(args.calibrationBatchOrDefault()).isEqualTo(8);
        assertThat(args.maxBatchOrDefault()).isEqualTo(16);
        assertThat(args.inputOrder()).isEmpty();
        assertThat(args.inputDims()).isEmpty();
        assertThat(args.outputNodes()).isEmpty();
        assertThat(args.profiles()).isEmpty();
        assertThat(args.strictTypes()).isFalse();
        assertThat(args.dlaCore()).isEmpty();
    }

    @Test
    void readsEveryFlag() {
        TaoConverterArgs args = TaoCommandLine.parse("-k", "env:NGC_KEY", "-d", "3,544,960", "-o", "output_cov/Sigmoid,output_bbox/BiasAdd",
                "-e", "out/peoplenet.engine", "-t", "int8", "-w", "2147483648", "-i", "nhwc",
                "-p", "input_1,1x3x544x960,4x3x544x960,16x3x544x960", "-p", "mask,1x1,1x1,1x1", "-s", "-u", "1",
                "-c", "peoplenet.cal", "-b", "4", "-m", "32", "peoplenet.etlt");

        assertThat(args.key()).isEqualTo("env:NGC_KEY");
        assertThat(args.inputDims()).contains(List.of(3L, 544L, 960L));
        assertThat(args.outputNodes()).containsExactly("output_cov/Sigmoid", "output_bbox/BiasAdd");
        assertThat(args.engine()).isEqualTo(Path.of("out/peoplenet.engine"));
        assertThat(args.precision()).isEqualTo(Precision.INT8);
        assertThat(args.workspaceBytes()).isEqualTo(2147483648L);
        assertThat(args.inputOrder()).contains(InputOrder.NHWC);
        assertThat(args.profiles()).containsExactly(ShapeProfile.parse("input_1,1x3x544x960,4x3x544x960,16x3x544x960"),
                ShapeProfile.parse("mask,1x1,1x1,1x1"));
        assertThat(args.strictTypes()).isTrue();
        assertThat(args.dlaCore()).isEqualTo(Optional.of(1));
        assertThat(args.calibrationCache()).contains(Path.of("peoplenet.cal"));
        assertThat(args.calibrationBatch()).hasValue(4);
        assertThat(args.maxBatch()).hasValue(32);
    }

    @Test
    void aRepeatedFlagKeepsItsLastValue() {
        assertThat(TaoCommandLine.parse("-k", "a", "-t", "fp16", "-t", "int8", "m.etlt").precision()).isEqualTo(Precision.INT8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-t|fp64|-t: unknown precision 'fp64': use fp32, fp16 or int8",
            "-w|1G|-w: '1G' is not a workspace size in bytes, e.g. -w 1073741824 for 1 GiB",
            "-w|0|-w: '0' is not a workspace size in bytes, e.g. -w 1073741824 for 1 GiB",
            "-d|3,x,960|-d: '3,x,960' is not a list of positive dimensions like 3,544,960",
            "-i|chw|-i: unknown input order 'chw'; use nchw, nhwc or nc",
            "-b|0|-b: '0' must be an integer >= 1",
            "-m|many|-m: 'many' must be an integer >= 1",
            "-u|-1|-u: '-1' must be an integer >= 0",
            "-p|input_1,1x3,2x3|-p: profile 'input_1,1x3,2x3' must be name,min,opt,max with shapes like 1x3x544x960"})
    void namesTheFlagOfABadValue(String flag, String value, String message) {
        assertThatThrownBy(() -> TaoCommandLine.parse("-k", "nvidia_tlt", flag, value, "model.etlt"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void requiresTheKeyAndOneModel() {
        assertThatThrownBy(() -> TaoCommandLine.parse("model.etlt"))
                .hasMessage("missing -k <key>: the key the model was exported with; NGC models use nvidia_tlt, tlt_encode or nvidia_tao");
        assertThatThrownBy(() -> TaoCommandLine.parse("-k", "nvidia_tlt"))
                .hasMessage("missing input_file: the .etlt to convert");
        assertThatThrownBy(() -> TaoCommandLine.parse("-k", "nvidia_tlt", "a.etlt", "b.etlt"))
                .hasMessage("expected one input_file, got 2: a.etlt b.etlt");
    }
}
