#!/usr/bin/env bash
# Issue 15 on the GPU machine, after staging (../shared/gpu/README.md):
#   cp ../shared/images/dog.jpg .gpu/app/          # once, before shipping .gpu/app (TwelveMonkeys decodes JPEGs in pure Java)
#   bash .gpu/app/robustness.sh
# Checks that an engine and its sidecar appear together, that a build killed with SIGTERM leaves neither
# a temporary nor a changed engine, that an output naming the input is refused before any work, and that
# detect reads a JPEG on the staged runtime (which lacks the JDK's native JPEG decoder). Prints a table;
# the log goes to $OUT. About 1-2 minutes: Yolo-Fastest, fp16, --opt-level 0 with a timing cache.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/robust
trtpipe() { staged_trtpipe "$@" 2>&1 | without_progress; }
onnx="$app/models/yolo-fastest-1.1.onnx"
plan="$work/yf.plan"
rows=()
row() { rows+=("$(printf '| %-52s | %-4s | %s |' "$1" "$2" "$3")"); }
leftovers() { find "$work" -name '*.trtpipe-tmp-*' | wc -l; }
{
  nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
  # 1. engine + sidecar, written together
  start=$(date +%s)
  trtpipe onnx2trt -m "$onnx" -e "$plan" -t fp16 --opt-level 0 --timing-cache "$work/yf.timing" | tail -3
  ok=$([ -s "$plan" ] && [ -s "$plan.json" ] && [ "$(leftovers)" = 0 ] && echo PASS || echo FAIL)
  row "onnx2trt writes .plan and .plan.json, no temporary" "$ok" "$(( $(date +%s) - start )) s"
  before=$(sha256sum "$plan" | cut -c1-64)
  # 2. SIGTERM during a rebuild: nothing half-written, no temporary
  staged_trtpipe onnx2trt -m "$onnx" -e "$plan" -t fp16 --opt-level 0 > "$work/killed.log" 2>&1 &
  pid=$!
  sleep "${KILL_AFTER:-8}"
  kill -TERM "$pid" 2>/dev/null; wait "$pid"; code=$?
  after=$(sha256sum "$plan" | cut -c1-64)
  ok=$([ "$(leftovers)" = 0 ] && [ "$before" = "$after" ] && echo PASS || echo FAIL)
  row "SIGTERM after ${KILL_AFTER:-8} s of a rebuild: engine unchanged, no temporary" "$ok" "exit $code, $(leftovers) temporaries"
  # 3. an output that is the input is refused before any work
  staged_trtpipe onnx2trt -m "$onnx" -e "$onnx" --opt-level 0 > "$work/same.log" 2>&1; code=$?; tail -1 "$work/same.log"
  ok=$([ "$code" = 2 ] && echo PASS || echo FAIL)
  row "onnx2trt -e MODEL.onnx refused (exit 2)" "$ok" "exit $code"
  # 4. detect on a JPEG with the engine
  if [ -f "$app/dog.jpg" ]; then
    staged_trtpipe detect --model "$plan" --image "$app/dog.jpg" --names "$app/models/coco.names" > "$work/jpeg.log" 2>&1
    code=$?; without_progress < "$work/jpeg.log" | tail -4
    row "detect --image dog.jpg on the staged runtime" "$([ "$code" = 0 ] && echo PASS || echo FAIL)" "exit $code"
  else
    row "detect --image dog.jpg on the staged runtime" "SKIP" "copy ../shared/images/dog.jpg into .gpu/app"
  fi
  echo
  echo "| check                                                | ok   | detail |"
  echo "|---|---|---|"
  printf '%s\n' "${rows[@]}"
} 2>&1 | tee "$out/robustness.log"
