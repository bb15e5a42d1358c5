#!/usr/bin/env bash
# bench-detect on the GPU machine: Yolo-Fastest-1.1 (bundled) -> ONNX -> TensorRT engines, then end-to-end
# detect throughput at batch 1 against the engine-only loop (target: pooled detect >= 90 %).
# Run after staging TensorRT (../shared/gpu/README.md), with .gpu/app/ filled by gpu/prepare-app.sh:
#   bash bench/detect-gpu.sh [extra bench-detect options, e.g. --seconds 3]
# Environment: PRECISIONS (default "fp16 fp32"), INSTANCES (engine instances the pool shares, default
# "1 2 4"), THREADS (pool threads, default 12 of the machine's 16 cores), OPT_LEVEL (builder
# optimization level; default TensorRT's own), MANY (if set: also time `detect` itself on MANY rounds of
# the PNG images, one worker vs the pool). Results (log, one JSON line per run) go to $OUT.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/bench-detect
trtpipe() { staged_trtpipe "$@"; }
# the staged Java runtime has no JPEG decoder: the PNG holds dog.jpg's decoded pixels
image="$app/dog_decoded.png"
level=(); [ -n "${OPT_LEVEL:-}" ] && level=(--opt-level "$OPT_LEVEL")
{
  nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv,noheader
  nproc
  trtpipe darknet2onnx --cfg "$app/yolo-fastest-1.1.cfg" --weights "$app/yolo-fastest-1.1.weights" -o "$work/yolo-fastest-1.1.onnx"
  for precision in ${PRECISIONS:-fp16 fp32}; do
    plan="$work/yolo-fastest-1.1-$precision.plan"
    trtpipe onnx2trt -m "$work/yolo-fastest-1.1.onnx" -e "$plan" -t "$precision" --timing-cache "$work/timing.cache" "${level[@]}" \
        | without_progress
    for instances in ${INSTANCES:-1 2 4}; do
      echo "\$ trtpipe bench-detect --model $plan --image $image --instances $instances --threads ${THREADS:-12} $*"
      trtpipe bench-detect --model "$plan" --image "$image" --instances "$instances" --threads "${THREADS:-12}" --json "$@" \
          2>&1 >> "$out/bench-detect.jsonl"
      echo "(exit $?)"
    done
  done
} 2>&1 | tee "$out/bench-detect.log"
# the detect command itself on many images (each decoded from PNG in the pool): one worker on one engine,
# then the pool with two engine instances
if [ -n "${MANY:-}" ]; then
  plan="$work/yolo-fastest-1.1-fp16.plan"
  many=(); for i in $(seq "$MANY"); do for f in "$app"/images/*.png; do many+=(--image "$f"); done; done
  for setting in "--workers 1 --instances 1" "--workers 12 --instances 2"; do
    echo "\$ trtpipe detect --model $plan --image ... ($(( ${#many[@]} / 2 )) images) $setting" | tee -a "$out/bench-detect.log"
    trtpipe detect --model "$plan" "${many[@]}" $setting --json 2>&1 >/dev/null | grep -E "images in|error|trtpipe" | tee -a "$out/bench-detect.log"
  done
fi
