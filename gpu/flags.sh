#!/usr/bin/env bash
# The messages that name flags for library facts only the GPU reaches, on the GPU machine after staging
# (../shared/gpu/README.md), from inside the prepared checkout:
#   cp gpu/flags.sh .gpu/app/ && bash .gpu/app/flags.sh
# (gpu/prepare-app.sh fills .gpu/app with the jar, yolo-fastest-1.1.cfg/.weights and images/*_decoded.png; nothing else.)
# The libraries now state these as facts (SettingNote, SettingException) and the CLI writes the flags: each line
# must read exactly as before.
# 1. onnx2trt -t fp16 of a static-batch model with --batch and --calib-images: two "ignored" warnings;
# 2. onnx2trt with a -p profile for an input the model does not have: "-p names input …";
# 3. detect on a copy whose sidecar claims another TensorRT: the refusal with its rebuild recipe and "--rebuild".
# One fp16 build at --opt-level 0 with a timing cache (well under a minute). Prints a short table; logs go to $OUT.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/flags
trtpipe() { staged_trtpipe "$@" 2> >(without_progress >&2); }
{
  nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
  trtpipe darknet2onnx --cfg "$app/yolo-fastest-1.1.cfg" --weights "$app/yolo-fastest-1.1.weights" -o "$work/yf.onnx" | grep wrote
  mkdir -p "$work/cal" && cp "$app/images/dog_decoded.png" "$work/cal/"
  echo "\$ trtpipe onnx2trt -m yf.onnx -e yf.plan -t fp16 --batch 1:2:4 --calib-images cal"
  trtpipe onnx2trt -m "$work/yf.onnx" -e "$work/yf.plan" -t fp16 --batch 1:2:4 --calib-images "$work/cal" \
      --opt-level 0 --timing-cache "$work/timing.cache" 2> "$work/build.err"
  build_exit=$?
  cat "$work/build.err"; echo "(exit $build_exit)"
  cp "$work/yf.plan" "$work/stale.plan"
  sed 's/"tensorRtVersion" : "[^"]*"/"tensorRtVersion" : "10.3.0"/' "$work/yf.plan.json" > "$work/stale.plan.json"
  echo "\$ trtpipe detect --model stale.plan (sidecar says TensorRT 10.3.0)"
  trtpipe detect --model "$work/stale.plan" "$app/images/dog_decoded.png" > /dev/null 2> "$work/stale.err"
  stale_exit=$?
  cat "$work/stale.err"; echo "(exit $stale_exit)"

  echo "\$ trtpipe onnx2trt -m yf.onnx -e bad.plan -p nope,1x3x320x320,1x3x320x320,1x3x320x320"
  trtpipe onnx2trt -m "$work/yf.onnx" -e "$work/bad.plan" -p nope,1x3x320x320,1x3x320x320,1x3x320x320 2> "$work/profile.err"
  profile_exit=$?
  cat "$work/profile.err"; echo "(exit $profile_exit)"

  has() { grep -qxF -- "$1" "$2" && echo "as before" || echo "DIFFERS"; }
  ends() { tail -1 "$2" | grep -qF -- "$1" && echo "as before" || echo "DIFFERS"; }
  echo
  echo "| check | result |"
  echo "|---|---|"
  echo "| onnx2trt exit | $build_exit (0 expected) |"
  echo "| warning: --batch ignored: … without a -p profile | $(has "warning: --batch ignored: no input of $work/yf.onnx has a dynamic batch dimension without a -p profile" "$work/build.err") |"
  echo "| warning: --calib-images/--calib-cache ignored: … -t int8 | $(has "warning: --calib-images/--calib-cache ignored: they only apply to -t int8" "$work/build.err") |"
  echo "| onnx2trt -p for an unknown input: exit $profile_exit (1 expected) | $(ends "trtpipe onnx2trt: $work/yf.onnx: -p names input 'nope', but the model's inputs are: " "$work/profile.err") |"
  echo "| detect on a stale engine: exit | $stale_exit (1 expected) |"
  echo "| … rebuild with trtpipe onnx2trt -m … (or run detect with --rebuild) | $(ends "$work/yf.onnx -e $work/stale.plan --precision fp16" "$work/stale.err"), $(ends " (or run detect with --rebuild)" "$work/stale.err") |"
} 2>&1 | tee "$out/flags.log"
