#!/usr/bin/env bash
# Runs on the GPU machine, from the folder gpu/prepare-app.sh fills (.gpu/app), after these extra files were
# copied there (from the checkout, with ../shared beside it):
#   cp ../shared/etlt/usa_pruned.etlt ../shared/etlt/usa_lpd_cal.bin .gpu/app/
#   java -jar cli/target/trtpipe.jar etlt2onnx -k nvidia_tlt ../shared/etlt/usa_pruned.etlt -o .gpu/app/models/lpdnet-uff.onnx
#   cp gpu/uff.sh .gpu/app/
# Then: bash .gpu/app/uff.sh. It builds NGC's UFF LPDNet through the UFF → ONNX translation with the document's
# tao-converter command shape (-d -o -m -t -i), fp32, fp16 and int8, and prints one table row per build.
# With --opt-level 0 and a shared timing cache each build takes well under a minute.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/uff
LIMIT=${LIMIT:-150}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
etlt="$app/usa_pruned.etlt"
rows=()
for t in fp32 fp16 int8; do
  extra=()
  [ "$t" = int8 ] && extra=(-c "$app/usa_lpd_cal.bin" -b 1)
  start=$(date +%s%N)
  staged_trtpipe tao-convert -k nvidia_tlt -d 3,480,640 -o output_cov/Sigmoid,output_bbox/BiasAdd -e "$work/lpd-$t.plan" \
      -m 16 -t "$t" -i nchw "${extra[@]}" --opt-level 0 --timing-cache "$work/uff.timing" > "$out/build-$t.log" 2>&1
  code=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  size=$(stat -c %s "$work/lpd-$t.plan" 2>/dev/null || echo -)
  rows+=("| $t | $code | $ms | $size | $(grep -m1 -i 'error\|trtpipe tao-convert:' "$out/build-$t.log" | cut -c1-100) |")
  tail -3 "$out/build-$t.log"
done
# engine against ONNX Runtime on the translated ONNX, where the check command (issue 5) is in this build
if staged_trtpipe check --help >/dev/null 2>&1; then
  for t in fp32 fp16; do
    staged_trtpipe check --onnx "$app/models/lpdnet-uff.onnx" --engine "$work/lpd-$t.plan" 2>&1 | tee "$out/check-$t.log" | tail -4
  done
fi
echo
echo "| precision | exit | build ms | engine bytes | first error line |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
