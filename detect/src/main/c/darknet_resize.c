/*
 * darknet's resize_image for one band of output rows, the same operations in the same order as
 * JavaResizeKernel, so the results are bit-identical: build with -ffp-contract=off (no fused multiply-add;
 * gcc contracts by default on aarch64) and without -ffast-math (no reassociation, no reciprocals).
 *
 * The horizontal pass is a gather (each output blends two source pixels at precomputed indices), which is
 * why this exists: HotSpot 17 cannot vectorize it. With AVX2 each block of 8 outputs takes its 16 source
 * bytes (8 first taps, 8 second taps) from two 16-byte loads of the source row, one per half block, with one
 * byte shuffle each, then converts and blends them 8 at a time. (Converting after the pick, twice per output,
 * beats picking from a row converted once per pixel: that takes four permutes and two blends per block.) A
 * half block whose taps span more than 16 source pixels (downscaling beyond about 4.6x) sends its block to
 * the scalar loop, as do sources narrower than 16 pixels.
 */
#include "darknet_resize.h"

#include <float.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#define HAVE_AVX2_KERNELS 1
#else
#define HAVE_AVX2_KERNELS 0
#endif

#if FLT_EVAL_METHOD != 0
#error "float expressions must be evaluated in float (FLT_EVAL_METHOD 0), as Java evaluates them"
#endif

/* Source pixels (bytes) one AVX2 block picks from. */
#define WINDOW 16
#define BLOCK 8

/*
 * darknet loads pixels as (float)(b / 255.); the float division rounds to the same value for every byte
 * (checked for all 256), so the table is folded by the compiler and the AVX2 path divides in float.
 */
#define UNIT(b) ((float) (b) / 255.0f)
#define UNIT4(b) UNIT(b), UNIT((b) + 1), UNIT((b) + 2), UNIT((b) + 3)
#define UNIT16(b) UNIT4(b), UNIT4((b) + 4), UNIT4((b) + 8), UNIT4((b) + 12)
#define UNIT64(b) UNIT16(b), UNIT16((b) + 16), UNIT16((b) + 32), UNIT16((b) + 48)
static const float BYTE_TO_UNIT[256] = {UNIT64(0), UNIT64(64), UNIT64(128), UNIT64(192)};

/* One row per channel. */
typedef struct {
    float *c[3];
} channel_rows;

typedef struct {
    const uint8_t *c[3];
} channel_pixels;

/*
 * How the AVX2 path picks each block of 8 outputs: per half block (4 outputs), the first source pixel of a
 * 16-pixel window holding its taps (-1 in the first half: the block takes the scalar loop), and the byte
 * shuffle that moves its first taps to bytes 4h..4h+3 and its second taps to bytes 8+4h..8+4h+3, zeroing
 * the rest; the two shuffled windows ORed give the 8 first taps, then the 8 second taps, in order.
 */
typedef struct {
    int32_t (*origin)[2];
    uint8_t (*shuffle)[2][WINDOW];
} block_plan;

/* darknet: val = (1 - dx) * p[ix] + dx * p[ix + 1], for outputs [from, to). */
static void gather_scalar(const channel_pixels *px, const resize_taps *cols, int32_t from, int32_t to, const channel_rows *out) {
    for (int32_t x = from; x < to; x++) {
        int32_t f = cols->first[x];
        int32_t s = cols->second[x];
        float a = cols->first_weight[x];
        float d = cols->second_weight[x];
        for (int c = 0; c < 3; c++) {
            out->c[c][x] = a * BYTE_TO_UNIT[px->c[c][f]] + d * BYTE_TO_UNIT[px->c[c][s]];
        }
    }
}

/* darknet: val = (1 - dy) * part[iy]; val += dy * part[iy + 1]. */
static void blend_scalar(const float *upper, const float *lower, float w0, float w1, float *out, int32_t n) {
    for (int32_t x = 0; x < n; x++) {
        float v = w0 * upper[x];
        out[x] = v + w1 * lower[x];
    }
}

/* Plans one half block; returns its window's first pixel, or -1 where its taps span more than the window. */
static int32_t plan_half(const resize_taps *cols, int32_t in_width, int32_t x, int half, uint8_t shuffle[WINDOW]) {
    if (in_width < WINDOW) {
        return -1;
    }
    int32_t origin = cols->first[x];
    if (origin > in_width - WINDOW) { // keep the 16-byte load inside the row
        origin = in_width - WINDOW;
    }
    memset(shuffle, 0x80, WINDOW); // pshufb writes zero where the control byte has its top bit set
    int fits = 1;
    for (int j = 0; j < BLOCK / 2; j++) {
        int32_t f = cols->first[x + j] - origin;
        int32_t s = cols->second[x + j] - origin;
        fits = fits && f >= 0 && f < WINDOW && s >= 0 && s < WINDOW;
        shuffle[4 * half + j] = (uint8_t) f;
        shuffle[BLOCK + 4 * half + j] = (uint8_t) s;
    }
    return fits ? origin : -1;
}

static void plan_blocks(const resize_taps *cols, int32_t in_width, int32_t out_width, const block_plan *plan) {
    for (int32_t b = 0; b < out_width / BLOCK; b++) {
        int32_t low = plan_half(cols, in_width, b * BLOCK, 0, plan->shuffle[b][0]);
        int32_t high = plan_half(cols, in_width, b * BLOCK + BLOCK / 2, 1, plan->shuffle[b][1]);
        plan->origin[b][0] = low < 0 || high < 0 ? -1 : low;
        plan->origin[b][1] = high;
    }
}

#if HAVE_AVX2_KERNELS

/* 8 bytes (the low half of picked) as floats in [0, 1], darknet's way. */
__attribute__((target("avx2")))
static inline __m256 to_unit(__m128i picked) {
    return _mm256_div_ps(_mm256_cvtepi32_ps(_mm256_cvtepu8_epi32(picked)), _mm256_set1_ps(255.0f));
}

__attribute__((target("avx2")))
static void gather_avx2(const channel_pixels *px, const resize_taps *cols, const block_plan *plan, int32_t out_width,
                        const channel_rows *out) {
    for (int32_t b = 0; b < out_width / BLOCK; b++) {
        int32_t x = b * BLOCK;
        if (plan->origin[b][0] < 0) {
            gather_scalar(px, cols, x, x + BLOCK, out);
            continue;
        }
        __m128i low_shuffle = _mm_loadu_si128((const __m128i *) plan->shuffle[b][0]);
        __m128i high_shuffle = _mm_loadu_si128((const __m128i *) plan->shuffle[b][1]);
        __m256 a = _mm256_loadu_ps(cols->first_weight + x);
        __m256 d = _mm256_loadu_ps(cols->second_weight + x);
        for (int c = 0; c < 3; c++) {
            const uint8_t *row = px->c[c];
            __m128i picked = _mm_or_si128(
                    _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *) (row + plan->origin[b][0])), low_shuffle),
                    _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *) (row + plan->origin[b][1])), high_shuffle));
            __m256 v = _mm256_mul_ps(a, to_unit(picked));
            _mm256_storeu_ps(out->c[c] + x, _mm256_add_ps(v, _mm256_mul_ps(d, to_unit(_mm_srli_si128(picked, 8)))));
        }
    }
    gather_scalar(px, cols, out_width / BLOCK * BLOCK, out_width, out);
}

__attribute__((target("avx2")))
static void blend_avx2(const float *upper, const float *lower, float w0, float w1, float *out, int32_t n) {
    const __m256 a = _mm256_set1_ps(w0);
    const __m256 d = _mm256_set1_ps(w1);
    int32_t x = 0;
    for (; x + 8 <= n; x += 8) {
        __m256 v = _mm256_mul_ps(a, _mm256_loadu_ps(upper + x));
        _mm256_storeu_ps(out + x, _mm256_add_ps(v, _mm256_mul_ps(d, _mm256_loadu_ps(lower + x))));
    }
    blend_scalar(upper + x, lower + x, w0, w1, out + x, n - x);
}

int resize_cpu_has_avx2(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2");
}

#else

int resize_cpu_has_avx2(void) {
    return 0;
}

#endif

size_t resize_scratch_bytes(int32_t out_width) {
    size_t blocks = (size_t) out_width / BLOCK;
    return 6 * (size_t) out_width * sizeof(float) + blocks * 2 * (sizeof(int32_t) + WINDOW);
}

/* Source row r of R, G and B, resized horizontally into out. */
static void resize_source_row(const resize_source *src, int32_t r, const resize_taps *cols, const block_plan *plan,
                              int32_t out_width, const channel_rows *out, int use_avx2) {
    size_t plane = (size_t) src->width * src->height;
    channel_pixels px;
    for (int c = 0; c < 3; c++) {
        px.c[c] = src->planes + c * plane + (size_t) r * src->width;
    }
#if HAVE_AVX2_KERNELS
    if (use_avx2) {
        gather_avx2(&px, cols, plan, out_width, out);
        return;
    }
#else
    (void) plan;
    (void) use_avx2;
#endif
    gather_scalar(&px, cols, 0, out_width, out);
}

static void blend(const float *upper, const float *lower, float w0, float w1, float *out, int32_t n, int use_avx2) {
#if HAVE_AVX2_KERNELS
    if (use_avx2) {
        blend_avx2(upper, lower, w0, w1, out, n);
        return;
    }
#else
    (void) use_avx2;
#endif
    blend_scalar(upper, lower, w0, w1, out, n);
}

void resize_rows(const resize_source *src, const resize_taps *cols, int32_t out_width, const resize_taps *rows,
                 const resize_target *dst, int32_t row_from, int32_t row_to, void *scratch, int use_avx2) {
    float *resized = scratch;
    channel_rows upper, lower;
    for (int c = 0; c < 3; c++) {
        upper.c[c] = resized + (size_t) c * out_width;
        lower.c[c] = resized + (size_t) (3 + c) * out_width;
    }
    block_plan plan;
    plan.origin = (int32_t (*)[2]) (resized + 6 * (size_t) out_width);
    plan.shuffle = (uint8_t (*)[2][WINDOW]) (plan.origin + out_width / BLOCK);
    if (use_avx2) {
        plan_blocks(cols, src->width, out_width, &plan);
    }

    // the two horizontally resized source rows the current output row blends, each resized once
    int32_t upper_row = -1;
    int32_t lower_row = -1;
    size_t plane = (size_t) dst->width * dst->height;
    for (int32_t y = row_from; y < row_to; y++) {
        int32_t r0 = rows->first[y];
        int32_t r1 = rows->second[y];
        if (upper_row != r0) {
            if (lower_row == r0) { // moved down one source row: reuse it
                channel_rows t = upper;
                upper = lower;
                lower = t;
                lower_row = -1;
            } else {
                resize_source_row(src, r0, cols, &plan, out_width, &upper, use_avx2);
            }
            upper_row = r0;
        }
        if (lower_row != r1) {
            if (r1 == r0) {
                for (int c = 0; c < 3; c++) {
                    memcpy(lower.c[c], upper.c[c], (size_t) out_width * sizeof(float));
                }
            } else {
                resize_source_row(src, r1, cols, &plan, out_width, &lower, use_avx2);
            }
            lower_row = r1;
        }
        for (int c = 0; c < 3; c++) {
            float *out = dst->data + c * plane + (size_t) (dst->y0 + y) * dst->width + dst->x0;
            blend(upper.c[c], lower.c[c], rows->first_weight[y], rows->second_weight[y], out, out_width, use_avx2);
        }
    }
}
