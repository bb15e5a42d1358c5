#!/usr/bin/env bash
# Accuracy of Yolo-Fastest-1.1 as darknet cfg (CPU, ONNX Runtime), and as fp32, fp16 and int8 TensorRT engines
# (built with --opt-level 0, INT8 calibrated on the set's images), in one `trtpipe eval` table on the
# hand-labelled set (eval/src/test/resources/handlabelled, 8 images, 22 boxes). On the GPU machine, after
# gpu/prepare-app.sh and gpu/eval-prepare.sh here:
#   bash .gpu/app/eval.sh
# Prints the table (and the JSON lines and per-class CSV) and leaves them in $OUT.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/eval
run() { echo "\$ trtpipe $*"; staged_trtpipe "$@"; echo "(exit $?)"; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
cfg="$app/yolo-fastest-1.1.cfg"; weights="$app/yolo-fastest-1.1.weights"
{
  for p in fp32 fp16 int8; do
    calib=(); [ "$p" = int8 ] && calib=(--calib-images "$app/eval/images" --calib-batch 2 --calib-cache "$work/yf.calib")
    LIMIT=150 run darknet2trt --cfg "$cfg" --weights "$weights" -o "$work/yf.onnx" -e "$work/yf-$p.plan" -t "$p" \
        "${calib[@]}" --opt-level 0 --timing-cache "$work/timing.cache" 2>&1 | without_progress | tail -4
  done
  models=(--model "$cfg" --weights "$weights")
  for p in fp32 fp16 int8; do [ -f "$work/yf-$p.plan" ] && models+=(--model "$work/yf-$p.plan"); done
  run eval --data "$app/eval/instances.json" --images "$app/eval/images" --names "$app/coco.names" "${models[@]}" \
      --per-class "$out/eval-per-class.csv" --save-detections "$out/detections"
  run eval --data "$app/eval/instances.json" --images "$app/eval/images" --names "$app/coco.names" "${models[@]}" \
      --map-points 101 --json | grep "^{" > "$out/eval.jsonl"
  cat "$out/eval.jsonl"
} 2>&1 | tee "$out/eval.log"
