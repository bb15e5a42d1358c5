/*
 * darknet's network input on the GPU: resize_image (or letterbox_image on 0.5 grey) of a batch of 8-bit RGB
 * images, written as planar float in [0, 1] straight into the engine's input binding. Compiled at run time by
 * NVRTC (GpuPreprocessing) for the device's own architecture.
 *
 * Bit-exact with detect's JavaResizeKernel: one thread per input value does, for that value, the float
 * operations the Java kernel does, in the same order. Every rounding step is an explicit round-to-nearest
 * intrinsic (__fmul_rn and __fadd_rn are never contracted into a fused multiply-add, whatever the flags; the
 * host compiles with --fmad=false and without fast math anyway), so nothing is left to the compiler:
 *   taps (ResizeTaps.of): scale = (float)(in - 1) / (out - 1), s = i * scale, i0 = min((int) s, in - 1),
 *       d = s - i0, weights (1 - d, d); the last output of the horizontal pass copies (weights 1, 0), the
 *       last row of the vertical pass keeps (1 - d, 0);
 *   pixels: (float)(b / 255.) with the division in double, as darknet loads them;
 *   horizontal: w0 * p[first] + w1 * p[second];  vertical: v = w0 * upper; v + w1 * lower.
 * GpuResizeEmulationTest runs these same steps in Java against the Java kernel.
 *
 * items: per batch item ITEM_FIELDS longs: offset of its R plane in raw, width, height, then its placement:
 * scaled width, scaled height, left, top. raw: each item's R, G and B planes (row-major), back to back.
 * Grid: x covers one net_w * net_h plane (one thread per pixel), y the 3 channels, z the batch items.
 */
#define ITEM_FIELDS 7
#define LETTERBOX_FILL 0.5f

struct tap {
    int first;
    int second;
    float w0;
    float w1;
};

static __device__ int min_int(int a, int b) {
    return a < b ? a : b;
}

/* Output index i of one axis resized from in to out samples (ResizeTaps.of). */
static __device__ tap tap_of(int i, int in, int out, bool copy_last) {
    float scale = out == 1 ? 0.0f : __fdiv_rn(__int2float_rn(in - 1), __int2float_rn(out - 1));
    float s = __fmul_rn(__int2float_rn(i), scale);
    int i0 = min_int(__float2int_rz(s), in - 1);
    float d = __fsub_rn(s, __int2float_rn(i0));
    bool last = i == out - 1 || in == 1;
    tap t;
    if (last && copy_last) {
        t.first = in - 1;
        t.second = in - 1;
        t.w0 = 1.0f;
        t.w1 = 0.0f;
    } else {
        t.first = i0;
        t.second = last ? i0 : min_int(i0 + 1, in - 1);
        t.w0 = __fsub_rn(1.0f, d);
        t.w1 = last ? 0.0f : d;
    }
    return t;
}

/* darknet's pixel load: (float)(b / 255.), the division in double. */
static __device__ float unit(unsigned char b) {
    return __double2float_rn(__ddiv_rn((double) b, 255.0));
}

/* The horizontal pass at one output column of one source row. */
static __device__ float horizontal(const unsigned char *row, tap col) {
    return __fadd_rn(__fmul_rn(col.w0, unit(row[col.first])), __fmul_rn(col.w1, unit(row[col.second])));
}

extern "C" __global__ void darknet_input(const unsigned char *__restrict__ raw, const long long *__restrict__ items,
                                         float *__restrict__ out, int net_w, int net_h) {
    int plane = net_w * net_h;
    int pixel = blockIdx.x * blockDim.x + threadIdx.x;
    if (pixel >= plane) {
        return;
    }
    int c = blockIdx.y;
    int n = blockIdx.z;
    const long long *item = items + (long long) ITEM_FIELDS * n;
    int width = (int) item[1];
    int height = (int) item[2];
    int scaled_w = (int) item[3];
    int scaled_h = (int) item[4];
    int x = pixel % net_w - (int) item[5];
    int y = pixel / net_w - (int) item[6];
    float *dst = out + ((long long) n * 3 + c) * plane + pixel;
    if (x < 0 || y < 0 || x >= scaled_w || y >= scaled_h) {
        *dst = LETTERBOX_FILL;
        return;
    }
    tap col = tap_of(x, width, scaled_w, true);
    tap row = tap_of(y, height, scaled_h, false);
    const unsigned char *channel = raw + item[0] + (long long) c * width * height;
    float upper = horizontal(channel + (long long) row.first * width, col);
    float lower = horizontal(channel + (long long) row.second * width, col);
    float v = __fmul_rn(row.w0, upper);
    *dst = __fadd_rn(v, __fmul_rn(row.w1, lower));
}
