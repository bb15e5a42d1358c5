/*
 * darknet's resize_image, bit for bit, for the rows of one output band: the native twin of
 * JavaResizeKernel (dev.trtpipe.detect.preprocess). Plain C, no JNI: darknet_resize_jni.c is the glue.
 */
#ifndef TRTPIPE_DARKNET_RESIZE_H
#define TRTPIPE_DARKNET_RESIZE_H

#include <stddef.h>
#include <stdint.h>

/* Per output index of one axis, the two source indices and weights darknet blends (ResizeTaps). */
typedef struct {
    const int32_t *first;
    const int32_t *second;
    const float *first_weight;
    const float *second_weight;
} resize_taps;

/* An 8-bit RGB image as three row-major planes, R then G then B (RgbImage). */
typedef struct {
    const uint8_t *planes;
    int32_t width;
    int32_t height;
} resize_source;

/*
 * Where the resized image goes (ResizeTarget): channel c, output row y, column x is written to
 * data[c*width*height + (y0 + y)*width + x0 + x]; data already points at the item's offset.
 */
typedef struct {
    float *data;
    int32_t width;
    int32_t height;
    int32_t x0;
    int32_t y0;
} resize_target;

/* Bytes of scratch memory (aligned as malloc aligns) resize_rows needs for an output out_width wide. */
size_t resize_scratch_bytes(int32_t out_width);

/* Whether this CPU (and OS) runs the AVX2 kernels. */
int resize_cpu_has_avx2(void);

/*
 * Output rows [row_from, row_to) of an out_width-wide resize of src into dst. The caller guarantees the
 * geometry: taps within the source, the output window within dst, rows within the vertical taps.
 * use_avx2 is honoured only on x86-64 and must only be set where resize_cpu_has_avx2() says so.
 */
void resize_rows(const resize_source *src, const resize_taps *cols, int32_t out_width, const resize_taps *rows,
                 const resize_target *dst, int32_t row_from, int32_t row_to, void *scratch, int use_avx2);

#endif
