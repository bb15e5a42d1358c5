#!/usr/bin/env bash
# Engine instances share one deserialized engine, on the GPU machine after staging (../shared/gpu/README.md):
#   bash .gpu/app/instances.sh
# YOLOv3-608 (random weights of the right size, fp32, level 0: a 404 MB engine) runs detect on 12 images with
# 1 and with 4 instances while nvidia-smi samples the GPU memory in use; then bench-detect on Yolo-Fastest
# fp16 with 2 instances. Random weights call thousands of slots objects, so darknet's NMS in Java takes
# seconds per image there: the YOLOv3 runs measure memory, not speed. Logs go to $OUT.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/instances
trtpipe() { staged_trtpipe "$@" 2>&1 | without_progress; }
# the most GPU memory in use (MiB) while the given command runs
peak_memory() {
  local log="$work/memory.$$"; : > "$log"
  ( while true; do nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits >> "$log"; sleep 0.1; done ) &
  local sampler=$!
  "$@"
  kill "$sampler"; wait "$sampler" 2>/dev/null
  echo "peak GPU memory in use: $(sort -n "$log" | tail -1) MiB (idle before: $idle MiB)"
}
{
  nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
  idle=$(nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits)
  trtpipe bench-convert --cfg "$app/yolov3.cfg" --work-dir "$work" --repeat 1 | tail -1
  trtpipe darknet2trt --cfg "$app/yolov3.cfg" --weights "$work/random.weights" -o "$work/yolov3.onnx" -e "$work/yolov3.plan" \
      --opt-level 0 | grep wrote
  images=(); for i in $(seq 12); do images+=(--image "$app/dog_decoded.png"); done
  detect_many() { trtpipe detect --model "$work/yolov3.plan" "${images[@]}" "$@" --json | grep -E "images in|rror"; }
  for setting in "--workers 1 --instances 1" "--workers 8 --instances 4"; do
    echo "\$ trtpipe detect --model yolov3.plan (12 images) $setting"
    peak_memory detect_many $setting
  done
  trtpipe darknet2trt --cfg "$app/yolo-fastest-1.1.cfg" --weights "$app/yolo-fastest-1.1.weights" -o "$work/yf.onnx" \
      -e "$work/yf.plan" -t fp16 --opt-level 0 | grep wrote
  trtpipe bench-detect --model "$work/yf.plan" --image "$app/dog_decoded.png" --instances 2 --threads 12 --seconds 1.5 --rounds 3
} 2>&1 | tee "$out/instances.log"
