#!/usr/bin/env bash
# NGC's UFF LPDNet (usa_pruned.etlt) end to end on TensorRT 10, on the GPU machine after staging
# (../shared/gpu/README.md), with .gpu/app prepared by gpu/prepare-app.sh + gpu/tao-uff-prepare.sh:
#   bash .gpu/app/tao-uff.sh
# Issue 11 item 6: tao-converter's command shape (-d -o -m -t -i) builds fp32, fp16 and int8 engines through the
# UFF → ONNX translation, with the nvinfer config embedded in the sidecar (--nvinfer-config); int8 first with
# NGC's usa_lpd_cal.bin (a TensorRT 7 cache), then calibrated from the two plate photos (onnx2trt --calib-images).
# Each engine is checked against ONNX Runtime on the translated ONNX (trtpipe check: fp32 rel-L2 <= 1e-3,
# fp16 <= 5e-3; int8 reported) and runs `detect --model engine.plan` with nothing else on the plate PNGs.
# Prints one table; logs go to $OUT. Supersedes gpu/uff.sh (same builds, plus the checks and detect).
# With gpu/prepare-all.sh: bash .gpu/app/all.sh tao-uff:240 (about 2-3 minutes: 4 builds at --opt-level 0).
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/tao-uff
lpd="$app/lpd"
onnx="$app/models/usa-pruned.onnx"
config="$lpd/sgie_lpd_DetectNet2_us.txt"
images=("$app"/plates/*.png)
image_args=(); for i in "${images[@]}"; do image_args+=(--image "$i"); done
timing="$work/usa.timing"
log() { tr '\r' '\n' < "$1" | grep -v '\.\.\. [0-9]*s *$' | grep -v '^ *$'; }

# build NAME CMD...: runs a build, keeps exit code, seconds and the sidecar's tao.* key count
declare -A code secs keys
build() {
  local name=$1; shift
  local start=$(date +%s%N)
  LIMIT=150 staged_trtpipe "$@" > "$out/build-$name.log" 2>&1
  code[$name]=$?
  secs[$name]=$(awk -v ns=$(( $(date +%s%N) - start )) 'BEGIN { printf "%.1f", ns / 1e9 }')
  keys[$name]=$(grep -o '"tao\.[^"]*"' "$work/usa-$name.plan.json" 2>/dev/null | wc -l)
  echo "== build $name: exit ${code[$name]} in ${secs[$name]} s"; log "$out/build-$name.log" | tail -4
}

nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
for t in fp32 fp16 int8; do
  extra=(); [ "$t" = int8 ] && extra=(-c "$lpd/usa_lpd_cal.bin" -b 1)
  build "$t" tao-convert -k nvidia_tlt -d 3,480,640 -o output_cov/Sigmoid,output_bbox/BiasAdd -e "$work/usa-$t.plan" \
      -m 16 -t "$t" -i nchw "${extra[@]}" --opt-level 0 --timing-cache "$timing" --nvinfer-config "$config" "$lpd/usa_pruned.etlt"
done
# INT8 calibrated here from the plate photos (detect's stretch, /255, RGB = LPDNet's nvinfer preprocessing)
build int8-images onnx2trt -m "$onnx" -e "$work/usa-int8-images.plan" -t int8 --batch 1:1:16 \
    --calib-images "$app/plates" --calib-batch 1 --calib-cache "$work/usa-int8-images.calib" --opt-level 0 --timing-cache "$timing"
echo "== what TensorRT said about NGC's TensorRT 7 cache:"
log "$out/build-int8.log" | grep -i 'calib\|cache\|scale\|int8' | grep -v '^building ' | head -6

declare -A l2 verdict found
for name in fp32 fp16 int8 int8-images; do
  plan="$work/usa-$name.plan"
  [ -f "$plan" ] || { l2[$name]=-; verdict[$name]="no engine"; continue; }
  case $name in fp32) bound=1e-3 ;; fp16) bound=5e-3 ;; *) bound=1 ;; esac # int8: reported, no target
  # batch 4 inside every engine's 1..16 profile: more than one item, and quick for ONNX Runtime on the CPU
  LIMIT=120 staged_trtpipe check -m "$onnx" -e "$plan" --shapes input_1:4x3x480x640 --max-rel-l2 "$bound" \
      > "$out/check-$name.log" 2>&1
  c=$?
  l2[$name]=$(grep '^| output_' "$out/check-$name.log" | awk -F'|' '{gsub(/ /,"",$2); gsub(/ /,"",$5); printf "%s %s; ", $2, $5}')
  verdict[$name]=$([ $c = 0 ] && echo "ok (<= $bound)" || echo "exit $c")
  echo "== check $name"; grep '^| output_\|^onnxruntime\|FAIL\|^trtpipe' "$out/check-$name.log"
  # the same comparison on the two plate photos (on noise the coverage is ~1e-7 everywhere)
  if [ -f "$app/lpd/plates.npy" ]; then
    LIMIT=120 staged_trtpipe check -m "$onnx" -e "$plan" --input input_1="$app/lpd/plates.npy" --max-rel-l2 "$bound" \
        > "$out/check-plates-$name.log" 2>&1
    c=$?
    l2[$name]="${l2[$name]} plates: $(grep '^| output_' "$out/check-plates-$name.log" | awk -F'|' '{gsub(/ /,"",$2); gsub(/ /,"",$5); printf "%s %s; ", $2, $5}')"
    verdict[$name]="${verdict[$name]}; plates $([ $c = 0 ] && echo "ok (<= $bound)" || echo "exit $c")"
    echo "== check $name on the plate photos"; grep '^| output_\|FAIL\|^trtpipe' "$out/check-plates-$name.log"
  fi
done

# detect with the engine alone (its sidecar carries the spec); ONNX Runtime on the translated ONNX as the reference
detections() { # MODEL → one "image: boxes" per line
  LIMIT=90 staged_trtpipe detect --model "$1" "${image_args[@]}" --workers 1 --json 2> "$out/detect-err.log" | grep '^{' |
  while read -r line; do
    img=$(echo "$line" | sed -n 's/.*"image":"\([^"]*\)".*/\1/p' | xargs -r basename | sed 's/\.png$//')
    dets=$(echo "$line" | grep -o '"prob":[0-9.]*\|"left":[0-9]*\|"top":[0-9]*\|"right":[0-9]*\|"bottom":[0-9]*' \
        | sed 's/"//g; s/prob:\(0\.[0-9][0-9]\)[0-9]*/p=\1/' | paste -sd' ')
    echo "$img: ${dets:-none}"
  done
}
for name in onnx fp32 fp16 int8 int8-images; do
  model="$work/usa-$name.plan"; [ "$name" = onnx ] && model="$onnx"
  [ -f "$model" ] || { found[$name]="-"; continue; }
  found[$name]=$(detections "$model" | paste -sd';' | sed 's/;/; /g')
  [ -n "${found[$name]}" ] || found[$name]="detect failed: $(log "$out/detect-err.log" | tail -1 | cut -c1-120)"
done

echo
echo "| engine | build exit | build s | tao.* keys in sidecar | check vs ONNX Runtime: output rel-L2 (seeded noise, batch 4; then the 2 plate photos) | verdict | detect on the plate PNGs |"
echo "|---|---|---|---|---|---|---|"
echo "| ONNX Runtime CPU (translated ONNX) | - | - | - | - | - | ${found[onnx]} |"
for name in fp32 fp16 int8 int8-images; do
  label=$name; [ "$name" = int8 ] && label="int8, -c usa_lpd_cal.bin (TRT 7)"; [ "$name" = int8-images ] && label="int8, calibrated on the 2 plates"
  echo "| $label | ${code[$name]} | ${secs[$name]} | ${keys[$name]} | ${l2[$name]} | ${verdict[$name]} | ${found[$name]} |"
done
echo "(Washington plate by eye: left 213 top 370 right 346 bottom 431; the UK plate h786poj scores below 0.3 on CPU)"
