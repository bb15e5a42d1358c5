#!/usr/bin/env bash
# Runs the samples on the GPU machine (../shared/gpu/README.md) once the staged parts are in /opt/stage:
#   bash .gpu/app/samples.sh
# Prepare .gpu/app here first with gpu/prepare-app.sh (PNG inputs: the staged Java runtime cannot decode
# JPEG). Carry [".gpu/app"] (about 32 MB). Logs and reports go to $OUT.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/samples
opt=${OPT_LEVEL:-0}
run() { echo "\$ trtpipe $*"; staged_trtpipe "$@"; echo "(exit $?)"; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
{
  # 1. the YOLOv3 sample at 608x608 with random weights (yolov3.weights is not bundled)
  run sample yolov3 --cfg "$app/yolov3.cfg" --random-weights --image "$app/dog_decoded.png" --opt-level "$opt" --out-dir "$work/yolov3"
  # 2. the same sample on the bundled Yolo-Fastest: real detections, from a TensorRT engine
  run sample yolov3 --cfg "$app/yolo-fastest-1.1.cfg" --weights "$app/yolo-fastest-1.1.weights" \
      --image "$app/dog_decoded.png" --opt-level "$opt" --out-dir "$work/fastest"
  # 3. raw vs TAO on Yolo-Fastest and on the NGC FPENet
  run compare --cfg "$app/yolo-fastest-1.1.cfg" --weights "$app/yolo-fastest-1.1.weights" --image "$app/dog_decoded.png" \
      --opt-level "$opt" --out-dir "$work/compare-fastest"
  run compare --etlt "$app/faciallandmarks.etlt" -k nvidia_tlt --opt-level "$opt" --out-dir "$work/compare-fpenet"
  # 4. darknet2trt in one command
  run darknet2trt --cfg "$app/yolo-fastest-1.1.cfg" --weights "$app/yolo-fastest-1.1.weights" -o "$work/fastest.onnx" \
      -e "$work/fastest.plan" --opt-level "$opt"
} > "$out/samples.log" 2>&1
for d in compare-fastest compare-fpenet; do cp "$work/$d/compare.md" "$out/$d.md" 2>/dev/null; cp "$work/$d/compare.json" "$out/$d.json" 2>/dev/null; done
cp "$work"/fastest/*.detections.png "$out"/ 2>/dev/null
cat "$out/samples.log"
