#!/usr/bin/env bash
# The in-graph NMS head at full size, on the GPU machine after staging (../shared/gpu/README.md):
#   bash .gpu/app/nms-608.sh
# pjreddie's YOLOv3-608 (22743 candidates, 80 classes) with random weights of the right size (generated
# here: too large to ship), --head nms built by TensorRT, its detections against the same ONNX in ONNX
# Runtime on the CPU. Random weights call many slots objects, so NMS works hard. Logs go to $OUT.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/nms-608
run() { echo "\$ trtpipe $*"; staged_trtpipe "$@" 2>&1 | without_progress; echo "(exit ${PIPESTATUS[0]})"; }
{
  run bench-convert --cfg "$app/yolov3.cfg" --work-dir "$work" --repeat 1 | tail -3
  run darknet2trt --cfg "$app/yolov3.cfg" --weights "$work/random.weights" --head nms -o "$work/yolov3-nms.onnx" \
      -e "$work/yolov3-nms.plan" --opt-level 0
  for model in yolov3-nms.plan yolov3-nms.onnx; do
    run detect --model "$work/$model" --image "$app/dog_decoded.png" --image "$app/dog_decoded.png" --workers 1 --json \
        > "$work/$model.jsonl"
    grep '^{' "$work/$model.jsonl" > "$work/$model.lines"
    echo "$model: $(wc -l < "$work/$model.lines") result lines, $(grep -o '"class_id"' "$work/$model.lines" | wc -l) detections in all"
    grep -v '^{' "$work/$model.jsonl" | head -5
  done
  if cmp -s "$work/yolov3-nms.plan.lines" "$work/yolov3-nms.onnx.lines"; then
    echo "engine = ONNX Runtime: identical JSON"
  else
    echo "engine vs ONNX Runtime: the JSON differs (compare per detection; fp32 rounding can move boxes by a pixel)"
  fi
} 2>&1 | tee "$out/nms-608.log"
cp "$work"/*.lines "$out/" 2>/dev/null
