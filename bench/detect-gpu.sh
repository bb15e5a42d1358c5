#!/usr/bin/env bash
# bench-detect on the GPU machine: Yolo-Fastest-1.1 (bundled) -> ONNX -> TensorRT engines (fp32, fp16), then
# end-to-end detect throughput at batch 1 against the engine-only loop (target: pooled detect >= 90 %).
# Run after staging TensorRT (../shared/gpu/README.md), with the jar from gpu/slim-jar.sh in .gpu/app/:
#   bash bench/detect-gpu.sh [extra bench-detect options, e.g. --seconds 3]
# Results (log, and one JSON line per bench-detect run) go to $OUT.
set -uo pipefail
app=${APP:-.gpu/app}
out=${OUT:-/tmp/out}
work=/tmp/bench-detect
mkdir -p "$out" "$work"
[ -d /opt/trt-java ] || bash /opt/stage/bin/unpack
export LD_LIBRARY_PATH=/opt/trt-java/trt:/usr/local/cuda/lib64
java=/opt/trt-java/jre/bin/java
trtpipe() { timeout "${LIMIT:-240}" "$java" -Djava.awt.headless=true -Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp \
              -jar "$app/trtpipe.jar" "$@"; }
{
  nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm --format=csv,noheader
  trtpipe darknet2onnx --cfg models/yolo-fastest-1.1/yolo-fastest-1.1.cfg \
      --weights models/yolo-fastest-1.1/yolo-fastest-1.1.weights -o "$work/yolo-fastest-1.1.onnx"
  for precision in fp32 fp16; do
    plan="$work/yolo-fastest-1.1-$precision.plan"
    trtpipe onnx2trt -m "$work/yolo-fastest-1.1.onnx" -e "$plan" -t "$precision" --timing-cache "$work/timing.cache"
    for instances in 1 2; do
      echo "\$ trtpipe bench-detect --model $plan --image images/dog.jpg --instances $instances $*"
      trtpipe bench-detect --model "$plan" --image images/dog.jpg --instances "$instances" --json "$@" \
          2>&1 >> "$out/bench-detect.jsonl"
      echo "(exit $?)"
    done
  done
} 2>&1 | tee "$out/bench-detect.log"
