#!/usr/bin/env bash
# The TensorRT checks that are not in the self-test table, run on the GPU machine after staging
# (../shared/gpu/README.md) with .gpu/app prepared as gpu/prepare-app.sh does:
#   bash .gpu/app/verify-trt.sh
# 1. tao-convert builds FPENet (faciallandmarks.etlt, ONNX inside) in fp32 and fp16 with -p;
# 2. a cold build of Yolo-Fastest at TensorRT's default optimization level, then a rebuild with the warm timing cache;
# 3. detect on that engine (drawn PNG and JSON come back), and bench-detect against the engine-only loop.
# Logs go to $OUT.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/verify
run() { echo "\$ trtpipe $*"; local t0=$(date +%s%N)
        staged_trtpipe "$@"
        echo "(exit $?, $(( ($(date +%s%N) - t0) / 1000000 )) ms wall)"; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee "$out/gpu.txt"
{
  profile=input_face_images,1x1x80x80,8x1x80x80,16x1x80x80
  run tao-convert -k nvidia_tlt -t fp32 -p "$profile" -e "$work/fpenet-fp32.engine" "$app/faciallandmarks.etlt"
  run tao-convert -k nvidia_tlt -t fp16 -p "$profile" -e "$work/fpenet-fp16.engine" "$app/faciallandmarks.etlt"
  run tao-convert -k nvidia_tlt -t int8 -c "$app/fpenet_cal.txt" -p "$profile" -e "$work/fpenet-int8.engine" "$app/faciallandmarks.etlt"
  run inspect-engine -e "$work/fpenet-fp16.engine" --no-layers
  run tao-convert -k wrong_key -t fp16 -p "$profile" -e "$work/x.engine" "$app/faciallandmarks.etlt"
  run tao-convert -k nvidia_tlt -t fp16 -e "$work/x.engine" "$app/faciallandmarks.etlt"
  yf="$app/models/yolo-fastest-1.1.onnx"
  run onnx2trt -m "$yf" -e "$work/yf-cold.plan" -t fp16 --timing-cache "$work/yf.timing"
  run onnx2trt -m "$yf" -e "$work/yf.plan" -t fp16 --timing-cache "$work/yf.timing"
  run detect --model "$work/yf.plan" --image "$app/images/dog_decoded.png" --names "$app/models/coco.names" --out-dir "$out"
  for instances in 1 2; do
    run bench-detect --model "$work/yf.plan" --image "$app/images/dog_decoded.png" --seconds 1 --rounds 3 --instances "$instances"
  done
} 2>&1 | tee "$out/verify-trt.log"
