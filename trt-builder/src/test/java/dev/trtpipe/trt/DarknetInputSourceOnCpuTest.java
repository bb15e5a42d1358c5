package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trtpipe.detect.preprocess.ImagePlacement;
import dev.trtpipe.detect.preprocess.RgbImage;
import dev.trtpipe.trt.GpuPreprocessCheck;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA source itself, compiled for the CPU: {@code darknet_input.cu} as C++ (g++, no fused multiply-add,
 * no fast math) behind a prelude that defines CUDA's qualifiers, thread indices and round-to-nearest
 * intrinsics as the IEEE operations they are, and a main that runs every thread of the grid in turn. What
 * differs from the GPU is only how the intrinsics are carried out, so a wrong tap, index, order of
 * operations or item table in the source fails here, before any GPU. Skipped where g++ is missing.
 */
class DarknetInputSourceOnCpuTest {

    private static final String PRELUDE = """
            #include <cstdio>
            #include <cstdlib>
            #include <vector>
            struct cuda_index { unsigned x, y, z; };
            static cuda_index blockIdx, threadIdx, blockDim;
            #define __global__
            #define __device__
            static inline float __fdiv_rn(float a, float b) { return a / b; }
            static inline float __fmul_rn(float a, float b) { return a * b; }
            static inline float __fadd_rn(float a, float b) { return a + b; }
            static inline float __fsub_rn(float a, float b) { return a - b; }
            static inline float __int2float_rn(int i) { return (float) i; }
            static inline int __float2int_rz(float f) { return (int) f; }
            static inline double __ddiv_rn(double a, double b) { return a / b; }
            static inline float __double2float_rn(double d) { return (float) d; }
            """;

    /** Reads net_w, net_h, items, raw size, raw bytes, the item table; runs the grid; writes the floats. */
    private static final String MAIN = """
            int main(int argc, char **argv) {
                FILE *in = fopen(argv[1], "rb");
                int head[4];
                if (fread(head, sizeof(int), 4, in) != 4) return 2;
                std::vector<unsigned char> raw(head[3]);
                std::vector<long long> items(7 * (size_t) head[2]);
                if (fread(raw.data(), 1, raw.size(), in) != raw.size()) return 2;
                if (fread(items.data(), sizeof(long long), items.size(), in) != items.size()) return 2;
                fclose(in);
                int plane = head[0] * head[1];
                std::vector<float> out(3 * (size_t) plane * head[2]);
                blockDim.x = 256;
                for (blockIdx.z = 0; blockIdx.z < (unsigned) head[2]; blockIdx.z++)
                    for (blockIdx.y = 0; blockIdx.y < 3; blockIdx.y++)
                        for (blockIdx.x = 0; blockIdx.x < (unsigned) (plane + 255) / 256; blockIdx.x++)
                            for (threadIdx.x = 0; threadIdx.x < 256; threadIdx.x++)
                                darknet_input(raw.data(), items.data(), out.data(), head[0], head[1]);
                FILE *o = fopen(argv[2], "wb");
                fwrite(out.data(), sizeof(float), out.size(), o);
                return fclose(o) == 0 ? 0 : 3;
            }
            """;

    @TempDir
    Path dir;

    @Test
    void theCudaSourceGivesTheJavaKernelsBits() throws Exception {
        Path harness = compile();
        List<GpuPreprocessCheck.Row> rows = GpuPreprocessCheck.run(GpuPreprocessCheck.cases(Optional.empty(), ""),
                (images, placements, w, h) -> run(harness, images, placements, w, h));

        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r.differing()).as(r.c().image() + " into " + r.c().netWidth() + "x"
                + r.c().netHeight() + (r.c().letterbox() ? " letterbox " : " resize ") + r.firstDifference().orElse("")).isZero());
    }

    private Path compile() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/g++")), "g++ is not installed");
        Path source = dir.resolve("harness.cpp");
        Files.writeString(source, PRELUDE + DarknetInputKernel.source() + MAIN);
        Path binary = dir.resolve("harness");
        Process gcc = new ProcessBuilder("/usr/bin/g++", "-std=c++17", "-O2", "-ffp-contract=off", "-fno-fast-math", "-o", binary.toString(),
                source.toString()).redirectErrorStream(true).start();
        String log = new String(gcc.getInputStream().readAllBytes());
        assertThat(gcc.waitFor()).as(log).isZero();
        return binary;
    }

    private float[] run(Path harness, List<RgbImage> images, List<ImagePlacement> placements, int netW, int netH) {
        try {
            Path input = dir.resolve("input.bin");
            Path output = dir.resolve("output.bin");
            write(input, images, placements, netW, netH);
            Process p = new ProcessBuilder(harness.toString(), input.toString(), output.toString()).inheritIO().start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            float[] out = new float[3 * netW * netH * images.size()];
            ByteBuffer.wrap(Files.readAllBytes(output)).order(ByteOrder.nativeOrder()).asFloatBuffer().get(out);
            return out;
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The upload as DeviceImages lays it out: planes back to back, then per item offset, size, placement. */
    private static void write(Path file, List<RgbImage> images, List<ImagePlacement> placements, int netW, int netH) throws IOException {
        int rawBytes = images.stream().mapToInt(im -> 3 * im.width() * im.height()).sum();
        ByteBuffer raw = ByteBuffer.allocate(rawBytes);
        ByteBuffer table = ByteBuffer.allocate(DeviceImages.ITEM_FIELDS * Long.BYTES * images.size()).order(ByteOrder.nativeOrder());
        for (int i = 0; i < images.size(); i++) {
            ImagePlacement p = placements.get(i);
            table.putLong(raw.position()).putLong(images.get(i).width()).putLong(images.get(i).height())
                    .putLong(p.scaledWidth()).putLong(p.scaledHeight()).putLong(p.offsetX()).putLong(p.offsetY());
            images.get(i).copyPlanesTo(raw);
        }
        ByteBuffer head = ByteBuffer.allocate(4 * Integer.BYTES).order(ByteOrder.nativeOrder())
                .putInt(netW).putInt(netH).putInt(images.size()).putInt(rawBytes);
        try (OutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.write(head.array());
            out.write(raw.array());
            out.write(table.array());
        }
    }
}
