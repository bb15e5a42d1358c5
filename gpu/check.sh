#!/usr/bin/env bash
# trtpipe check on the GPU machine after staging (../shared/gpu/README.md):
#   bash .gpu/app/check.sh
# Needs in .gpu/app: what gpu/prepare-app.sh puts there (trtpipe.jar, staged-env.sh, models/yolo-fastest-1.1.onnx,
# models/fpenet.onnx), plus check.sh itself and models/two-inputs.onnx:
#   cp gpu/check.sh .gpu/app/ && java -cp cli/target/trtpipe.jar gpu/TwoInputsModel.java .gpu/app/models/two-inputs.onnx
# Builds fp32 and fp16 engines (level 0, one timing cache, batch 1:2:4 where the batch is dynamic), runs
# check on each against ONNX Runtime, then the input paths: --shapes at another batch, and the inputs one
# check saved fed back with --input. Logs and the table go to $OUT.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/check
LIMIT=${LIMIT:-120}
log="$out/check.log"; : > "$log"
table="$out/check-table.md"
printf '| model | engine | check options | exit | output | shape | max abs | rel L2 | verdict |\n|---|---|---|---|---|---|---|---|---|\n' > "$table"
# check MODEL PLAN LABEL [options]: one check, its output rows added to the table
check() {
  local model=$1 plan=$2 label=$3; shift 3
  echo "\$ trtpipe check -m $model -e $plan $*" >> "$log"
  staged_trtpipe check -m "$model" -e "$plan" "$@" > "$work/check.out" 2> "$work/check.err"
  local rc=$?
  cat "$work/check.err" "$work/check.out" >> "$log"; echo "(exit $rc)" >> "$log"
  local rows; rows=$(awk -F'|' '/^\| [^-]/ && NF == 7 && $2 !~ / output / {print}' "$work/check.out")
  if [ -z "$rows" ]; then
    echo "| $(basename "$model") | $label | $* | $rc | - | - | - | - | $(tail -1 "$work/check.err" | cut -c1-160) |" >> "$table"
  else
    echo "$rows" | while IFS= read -r r; do echo "| $(basename "$model") | $label | $* | $rc $r" >> "$table"; done
  fi
}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee -a "$log"
for m in yolo-fastest-1.1 fpenet two-inputs; do
  model="$app/models/$m.onnx"
  [ -f "$model" ] || { echo "missing $model (see the header of this script)" | tee -a "$log"; continue; }
  for p in fp32 fp16; do
    plan="$work/$m-$p.plan"
    t0=$(date +%s%N)
    staged_trtpipe onnx2trt -m "$model" -e "$plan" -t $p --batch 1:2:4 --opt-level 0 --timing-cache "$work/timing.cache" 2>&1 \
        | without_progress >> "$log"
    echo "$m $p built in $(( ($(date +%s%N) - t0) / 1000000 )) ms (onnx2trt process, JVM start included)" >> "$log"
    tol=(); [ $p = fp16 ] && tol=(--max-rel-l2 5e-3)
    check "$model" "$plan" $p "${tol[@]}"
  done
done
# the input paths: another batch inside the profile, and the saved inputs fed back
check "$app/models/fpenet.onnx" "$work/fpenet-fp32.plan" fp32 --shapes input_face_images:4x1x80x80 --seed 7
check "$app/models/two-inputs.onnx" "$work/two-inputs-fp32.plan" fp32 --save-outputs "$work/saved" --range token_ids:0,9
check "$app/models/two-inputs.onnx" "$work/two-inputs-fp16.plan" fp16 --max-rel-l2 5e-3 \
    --input features="$work/saved/inputs/features.npy" --input token_ids="$work/saved/inputs/token_ids.npy"
# a batch outside the profile must be one plain line, exit 1
check "$app/models/fpenet.onnx" "$work/fpenet-fp32.plan" fp32 --shapes input_face_images:8x1x80x80
cat "$table"
# selftest-gpu on the two-input model: rows through the check path, no ERROR, every bad-input row handled
echo "\$ trtpipe selftest-gpu --onnx two-inputs.onnx" | tee -a "$log"
staged_trtpipe selftest-gpu --onnx "$app/models/two-inputs.onnx" --work "$work/st" --opt-level 0 --iterations 20 2>> "$log" \
    | tee "$out/selftest-two-inputs.md"
echo "(exit ${PIPESTATUS[0]})" | tee -a "$log"
