#!/usr/bin/env bash
# TAO LPDNet (NVIDIA's TAO5 ONNX, DetectNet_v2) through detect on TensorRT, on the GPU machine after
# staging (../shared/gpu/README.md), with .gpu/app prepared by gpu/prepare-app.sh + gpu/tao-detect-prepare.sh:
#   bash .gpu/app/tao-detect.sh
# Builds fp32 and fp16 engines from the ONNX that carries its nvinfer spec (tao-spec), so that
# `detect --model x.plan` needs nothing else (the spec travels in the sidecar), runs them and ONNX Runtime
# on the plate photos, and prints one table row per (model, image). Logs go to $OUT.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/tao-detect
run() { echo "\$ trtpipe $*" >&2; staged_trtpipe "$@" 2> >(without_progress >&2); }
onnx="$app/models/lpdnet-tao.onnx"
images=("$app"/plates/*.png)
image_args=(); for i in "${images[@]}"; do image_args+=(--image "$i"); done
{
  nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
  for p in fp32 fp16; do
    LIMIT=150 run onnx2trt -m "$onnx" -e "$work/lpdnet-$p.plan" -t "$p" --batch 1:1:1 \
        --timing-cache "$work/lpdnet.timing" --opt-level 0 | tail -2
    grep -c '"tao\.' "$work/lpdnet-$p.plan.json" | sed 's/^/tao.* keys in the sidecar: /'
  done
  echo
  printf '%-12s %-26s %s\n' model image detections
  for model in "$onnx" "$work/lpdnet-fp32.plan" "$work/lpdnet-fp16.plan"; do
    LIMIT=90 run detect --model "$model" "${image_args[@]}" --workers 1 --json > "$work/out.jsonl" 2> "$work/err.log"
    echo "(exit $?)" >> "$work/err.log"
    tail -3 "$work/err.log" >&2
    while read -r line; do
      img=$(echo "$line" | sed -n 's/.*"image":"\([^"]*\)".*/\1/p' | xargs -r basename)
      dets=$(echo "$line" | grep -o '"prob":[0-9.]*\|"left":[0-9]*\|"top":[0-9]*\|"right":[0-9]*\|"bottom":[0-9]*' \
          | sed 's/"//g; s/prob:\(0\.[0-9][0-9]\)[0-9]*/p=\1/' | paste -sd' ')
      case "$model" in *.plan) label=$(basename "$model" .plan | sed 's/lpdnet-//') ;; *) label=onnxrt-cpu ;; esac
      printf '%-12s %-26s %s\n' "$label" "$img" "${dets:-none}"
    done < <(grep '^{' "$work/out.jsonl")
  done
  echo "(US plate by eye: left 213 top 370 right 346 bottom 431; EU plate is below the config's 0.3 threshold on CPU)"
} 2>&1 | tee "$out/tao-detect.log"
