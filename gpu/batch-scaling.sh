#!/usr/bin/env bash
# Where batched detect's throughput goes (after gpu/batch.sh showed pooled detect flat at ~4,000 images/s from
# batch 4 on while the engine-only loop reaches ~23,000): the same sweep with more threads and more engine
# instances (each instance has its own pinned buffers, stream and host↔device copies).
#   bash .gpu/app/all.sh batch-scaling:150
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/batch
trtpipe() { staged_trtpipe "$@" 2> >(without_progress >&2); }
{
  [ -f "$work/yf-b32.plan" ] || trtpipe darknet2trt --cfg "$app/yolo-fastest-1.1.cfg" --weights "$app/yolo-fastest-1.1.weights" \
      -o "$work/yf-n.onnx" -e "$work/yf-b32.plan" -t fp16 --batch 1:32:32 --opt-level 0 --timing-cache "$work/timing.cache" | grep wrote
  for setting in "16 4" "16 8" "32 8"; do
    set -- $setting
    echo "\$ trtpipe bench-detect --batches 8,32 --threads $1 --instances $2"
    trtpipe bench-detect --model "$work/yf-b32.plan" --image "$app/images/dog_decoded.png" --batches 8,32 \
        --threads "$1" --instances "$2" --seconds 1 --rounds 2
  done
  # the in-graph NMS head (EfficientNMS_TRT): a few hundred bytes per image come back instead of 0.5 MB of raw heads
  trtpipe darknet2trt --cfg "$app/yolo-fastest-1.1.cfg" --weights "$app/yolo-fastest-1.1.weights" -o "$work/yf-nms.onnx" \
      -e "$work/yf-nms-b32.plan" -t fp16 --batch 1:32:32 --head nms --nms-plugin efficient --opt-level 0 \
      --timing-cache "$work/timing.cache" | grep wrote
  echo "\$ trtpipe bench-detect yf-nms-b32.plan --batches 8,32 --threads 16 --instances 4"
  trtpipe bench-detect --model "$work/yf-nms-b32.plan" --image "$app/images/dog_decoded.png" --batches 8,32 \
      --threads 16 --instances 4 --seconds 1 --rounds 2
} 2>&1 | tee "$out/batch-scaling.log"
