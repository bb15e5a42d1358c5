/*
 * JNI entry points of NativeResizeKernel (dev.trtpipe.detect.preprocess). The Java side validates the
 * geometry before calling (the taps come from its own plan), so nothing here can index out of bounds;
 * the arrays are pinned, not copied, for the duration of one band.
 */
#include <jni.h>
#include <stdlib.h>

#include "darknet_resize.h"
#include "dev_trtpipe_detect_preprocess_NativeResizeKernel.h"

enum { PLANES, COL_FIRST, COL_SECOND, COL_FIRST_WEIGHT, COL_SECOND_WEIGHT,
       ROW_FIRST, ROW_SECOND, ROW_FIRST_WEIGHT, ROW_SECOND_WEIGHT, DST, ARRAYS };

JNIEXPORT jboolean JNICALL Java_dev_trtpipe_detect_preprocess_NativeResizeKernel_cpuHasAvx2(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return resize_cpu_has_avx2() ? JNI_TRUE : JNI_FALSE;
}

JNIEXPORT void JNICALL Java_dev_trtpipe_detect_preprocess_NativeResizeKernel_resizeRows(
        JNIEnv *env, jclass cls, jbyteArray planes, jint in_width, jint in_height,
        jintArray col_first, jintArray col_second, jfloatArray col_first_weight, jfloatArray col_second_weight,
        jintArray row_first, jintArray row_second, jfloatArray row_first_weight, jfloatArray row_second_weight,
        jfloatArray dst, jint offset, jint dst_width, jint dst_height, jint x0, jint y0,
        jint row_from, jint row_to, jboolean avx2) {
    (void) cls;
    jint out_width = (*env)->GetArrayLength(env, col_first);
    void *scratch = malloc(resize_scratch_bytes(out_width));
    if (scratch == NULL) {
        jclass oom = (*env)->FindClass(env, "java/lang/OutOfMemoryError");
        if (oom != NULL) {
            (*env)->ThrowNew(env, oom, "no memory for the native resize's row buffers");
        }
        return;
    }
    jarray arrays[ARRAYS] = {planes, col_first, col_second, col_first_weight, col_second_weight,
                             row_first, row_second, row_first_weight, row_second_weight, dst};
    void *pinned[ARRAYS];
    int held = 0;
    while (held < ARRAYS && (pinned[held] = (*env)->GetPrimitiveArrayCritical(env, arrays[held], NULL)) != NULL) {
        held++;
    }
    if (held == ARRAYS) { // else an OutOfMemoryError is pending: release what was pinned and return to it
        resize_source src = {pinned[PLANES], in_width, in_height};
        resize_taps cols = {pinned[COL_FIRST], pinned[COL_SECOND], pinned[COL_FIRST_WEIGHT], pinned[COL_SECOND_WEIGHT]};
        resize_taps rows = {pinned[ROW_FIRST], pinned[ROW_SECOND], pinned[ROW_FIRST_WEIGHT], pinned[ROW_SECOND_WEIGHT]};
        resize_target target = {(float *) pinned[DST] + offset, dst_width, dst_height, x0, y0};
        resize_rows(&src, &cols, out_width, &rows, &target, row_from, row_to, scratch, avx2 == JNI_TRUE);
    }
    while (held-- > 0) {
        (*env)->ReleasePrimitiveArrayCritical(env, arrays[held], pinned[held], held == DST ? 0 : JNI_ABORT);
    }
    free(scratch);
}
