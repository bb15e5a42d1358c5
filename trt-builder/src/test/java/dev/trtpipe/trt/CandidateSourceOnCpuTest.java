package dev.trtpipe.trt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.trtpipe.darknet.DetectionSpec.Head;
import dev.trtpipe.detect.CandidateFilter.HeadRule;
import dev.trtpipe.detect.testing.ReferenceSpecs;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code yolo_candidates.cu} itself, compiled as C++ behind a prelude defining CUDA's qualifiers, thread indices,
 * {@code atomicAdd} and {@code __int_as_float}, every thread of the grid run in turn, last thread first (so the slots
 * fill in another order than the Java reference's): the counts equal {@link CandidateRecords#select}'s, and the head
 * scattered from its records equals the head scattered from the reference's. Skipped where g++ is missing.
 */
class CandidateSourceOnCpuTest {

    private static final String PRELUDE = """
            #include <cstdio>
            #include <cstring>
            #include <vector>
            struct cuda_index { unsigned x, y, z; };
            static cuda_index blockIdx, threadIdx, blockDim, gridDim;
            #define __global__
            static inline int atomicAdd(int *p, int v) { int old = *p; *p += v; return old; }
            static inline float __int_as_float(int i) { float f; std::memcpy(&f, &i, sizeof f); return f; }
            """;

    /** Reads items, anchors, channels, plane, capacity, select_from, the head; runs the grid backwards; writes counts, records. */
    private static final String MAIN = """
            int main(int argc, char **argv) {
                FILE *in = fopen(argv[1], "rb");
                int p[5];
                float select_from;
                if (fread(p, sizeof(int), 5, in) != 5 || fread(&select_from, sizeof(float), 1, in) != 1) return 2;
                int items = p[0], anchors = p[1], channels = p[2], plane = p[3], capacity = p[4];
                std::vector<float> head((size_t) items * anchors * channels * plane);
                if (fread(head.data(), sizeof(float), head.size(), in) != head.size()) return 2;
                fclose(in);
                std::vector<int> counts(items, 0);
                std::vector<float> records((size_t) capacity * items * (channels + 1), 0.0f);
                blockDim.x = 256;
                gridDim.z = items;
                int blocks = (anchors * plane + 255) / 256;
                for (int z = items - 1; z >= 0; z--)
                    for (int b = blocks - 1; b >= 0; b--)
                        for (int t = 255; t >= 0; t--) {
                            blockIdx.z = z; blockIdx.x = b; threadIdx.x = t;
                            yolo_candidates(head.data(), anchors, channels, plane, capacity, select_from, counts.data(), records.data());
                        }
                FILE *o = fopen(argv[2], "wb");
                fwrite(counts.data(), sizeof(int), counts.size(), o);
                fwrite(records.data(), sizeof(float), records.size(), o);
                return fclose(o) == 0 ? 0 : 3;
            }
            """;

    @TempDir
    Path dir;

    @Test
    void theCudaSourceSelectsAndLaysOutAsTheReference() throws Exception {
        Path harness = compile();
        Random random = new Random(5);
        int items = 3;
        for (Head head : ReferenceSpecs.yoloFastest().heads()) {
            for (float thresh : new float[] {0.25f, 0.005f}) {
                HeadRule rule = CandidateRecordsTest.rule(head, thresh);
                float[] values = CandidateRecordsTest.heads(head, rule, random);
                int capacity = DeviceCandidates.CAPACITY;
                CandidateRecords.Selection expected = CandidateRecords.select(values, items, rule, capacity);
                assertThat(CandidateRecords.overflows(expected.counts(), 0, items, capacity)).isFalse();

                ByteBuffer out = run(harness, values, items, rule, capacity);
                int[] counts = new int[items];
                out.asIntBuffer().get(counts);
                assertThat(counts).as("%s thresh %s", rule.output(), thresh).containsExactly(expected.counts());
                FloatBuffer records = out.position(items * Integer.BYTES).slice().order(ByteOrder.nativeOrder()).asFloatBuffer();

                float[] fromKernel = new float[values.length];
                float[] fromReference = new float[values.length];
                CandidateRecords.scatter(records, counts, 0, items, rule, fromKernel);
                CandidateRecords.scatter(FloatBuffer.wrap(expected.records()), expected.counts(), 0, items, rule, fromReference);
                assertThat(Arrays.equals(fromKernel, fromReference)).as("%s thresh %s", rule.output(), thresh).isTrue();
                assertThat(Arrays.stream(counts).sum()).isPositive();
            }
        }
    }

    private Path compile() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/g++")), "g++ is not installed");
        Path source = dir.resolve("harness.cpp");
        Files.writeString(source, PRELUDE + DarknetInputKernel.source(CandidateKernel.SOURCE) + MAIN);
        Path binary = dir.resolve("harness");
        Process gcc = new ProcessBuilder("/usr/bin/g++", "-std=c++17", "-O1", "-o", binary.toString(), source.toString())
                .redirectErrorStream(true).start();
        String log = new String(gcc.getInputStream().readAllBytes());
        assertThat(gcc.waitFor()).as(log).isZero();
        return binary;
    }

    private ByteBuffer run(Path harness, float[] head, int items, HeadRule rule, int capacity) throws Exception {
        Path input = dir.resolve("input.bin");
        Path output = dir.resolve("output.bin");
        ByteBuffer b = ByteBuffer.allocate(6 * 4 + head.length * 4).order(ByteOrder.nativeOrder());
        b.putInt(items).putInt(rule.anchors()).putInt(rule.channels()).putInt(rule.plane()).putInt(capacity).putFloat(rule.selectFrom());
        b.asFloatBuffer().put(head);
        Files.write(input, b.array());
        Process p = new ProcessBuilder(harness.toString(), input.toString(), output.toString()).inheritIO().start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return ByteBuffer.wrap(Files.readAllBytes(output)).order(ByteOrder.nativeOrder());
    }
}
