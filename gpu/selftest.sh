#!/usr/bin/env bash
# Runs on the GPU machine (see ../shared/gpu/README.md) once the staged parts are in /opt/stage:
#   bash .gpu/app/selftest.sh [extra selftest-gpu options, e.g. --onnx yolov4-tiny.onnx]
# Expects .gpu/app/ with trtpipe.jar (gpu/slim-jar.sh) and images/ (a few jpgs). Results go to $OUT.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/st
# each step has its own time limit so the report comes back inside one 10-minute device call
LIMIT=${LIMIT:-120}
run() { echo "\$ trtpipe $*"; staged_trtpipe "$@"; echo "(exit $?)"; }
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
# 1. the self-test table (synthetic models unless --onnx is given)
LIMIT=${SELFTEST_LIMIT:-330} run selftest-gpu --images "$app/images" --work /tmp/st --opt-level ${OPT_LEVEL:-0} --iterations 200 "$@" 2>&1 | tee "$out/selftest.log"
cp /tmp/st/selftest.md "$out/" 2>/dev/null
# 2. the CLI as users see it (output pasted into docs/tensorrt.md)
{
  run onnx2trt -m /tmp/st/synthetic-dynamic.onnx -e /tmp/st/cli-int8.plan -t int8 --batch 1:2:4 \
      --calib-images "$app/images" --calib-batch 2 --calib-cache /tmp/st/cli.calib --timing-cache /tmp/st/cli.timing --opt-level ${OPT_LEVEL:-0}
  head -3 /tmp/st/cli.calib
  run inspect-engine -e /tmp/st/cli-int8.plan
  run onnx2trt -m /tmp/st/synthetic-dynamic.onnx -e /tmp/st/cli-again.plan -t int8 --batch 1:2:4 \
      --calib-cache /tmp/st/cli.calib --timing-cache /tmp/st/cli.timing --opt-level ${OPT_LEVEL:-0}
  run onnx2trt -m /tmp/st/unsupported.onnx -e /tmp/st/x.plan
  run onnx2trt -m /tmp/st/synthetic-dynamic.onnx -e /tmp/st/x.plan
  run inspect-engine -e /tmp/st/corrupt.plan --no-layers
} > "$out/cli.log" 2>&1
cat "$out/cli.log"
