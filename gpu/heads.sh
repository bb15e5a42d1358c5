#!/usr/bin/env bash
# In-graph heads through TensorRT, on the GPU machine after staging (../shared/gpu/README.md):
#   bash .gpu/app/heads.sh
# Yolo-Fastest with --head decode, --head nms (ONNX NonMaxSuppression -> TensorRT's NMS layer) and --head nms
# --nms-plugin efficient (EfficientNMS_TRT) built with darknet2trt and run by detect, each beside its ONNX on
# the CPU; the raw-head engine runs too, for comparison. Logs go to $OUT.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/heads
run() { echo "\$ trtpipe $*"; staged_trtpipe "$@" 2>&1 | without_progress; echo "(exit ${PIPESTATUS[0]})"; }
{
  for head in raw decode nms nms-efficient; do
    flags=(--head "${head%-efficient}"); [ "$head" = nms-efficient ] && flags+=(--nms-plugin efficient)
    run darknet2trt --cfg "$app/yolo-fastest-1.1.cfg" --weights "$app/yolo-fastest-1.1.weights" "${flags[@]}" \
        -o "$work/yf-$head.onnx" -e "$work/yf-$head.plan" --opt-level 0 --timing-cache "$work/timing.cache"
    run detect --model "$work/yf-$head.plan" --image "$app/dog_decoded.png" --names "$app/coco.names" --out-dir "$work/$head"
    run detect --model "$work/yf-$head.onnx" --image "$app/dog_decoded.png" --names "$app/coco.names" --out-dir "$work/$head-cpu"
    # later inferences at the same shape replay a CUDA graph where TensorRT can capture the engine (the NMS
    # layer's data-dependent shapes cannot be): the third image, the first again, must give the same line
    run detect --model "$work/yf-$head.plan" --image "$app/dog_decoded.png" --image "$app/images/person_decoded.png" \
        --image "$app/dog_decoded.png" --workers 1 --json > "$work/$head-replay.jsonl"
    grep -v '^[$(]' "$work/$head-replay.jsonl" | grep '^{' > "$work/$head-replay.lines"
    if [ "$(wc -l < "$work/$head-replay.lines")" = 3 ] && [ "$(sed -n 1p "$work/$head-replay.lines")" = "$(sed -n 3p "$work/$head-replay.lines")" ]; then
      echo "$head: third inference (replay) = first: yes"
    else
      echo "$head: third inference (replay) = first: NO"; cat "$work/$head-replay.jsonl"
    fi
  done
  cp "$work/raw/dog_decoded.detections.png" "$out/" 2>/dev/null
} 2>&1 | tee "$out/heads.log"
