#!/usr/bin/env bash
# Batched engines on the GPU machine after staging (../shared/gpu/README.md), from inside the prepared checkout:
#   cp gpu/batch.sh .gpu/app/ && bash .gpu/app/batch.sh
# (gpu/prepare-app.sh fills .gpu/app with the jar, yolo-fastest-1.1.cfg/.weights and images/*_decoded.png.)
# 1. darknet2trt Yolo-Fastest-1.1 fp16 with a batch profile 1:32:32 (level 0, timing cache);
# 2. detect over 40 images at --batch 1 and --batch 32 (a full batch and a partial one): the JSON Lines must agree;
# 3. bench-detect --batches 1,2,4,8,16,32: pooled batched detect against the engine-only loop, images decoded once;
# 4. detect --rebuild on a copy whose sidecar claims another TensorRT: rebuilt in place, then it runs.
# Prints a short table at the end; logs go to $OUT.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/batch
trtpipe() { staged_trtpipe "$@" 2> >(without_progress >&2); }
{
  nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
  nproc
  trtpipe darknet2trt --cfg "$app/yolo-fastest-1.1.cfg" --weights "$app/yolo-fastest-1.1.weights" -o "$work/yf-n.onnx" \
      -e "$work/yf-b32.plan" -t fp16 --batch 1:32:32 --opt-level 0 --timing-cache "$work/timing.cache" | grep wrote
  mkdir -p "$work/images"
  for i in $(seq -w 20); do
    cp "$app/images/dog_decoded.png" "$work/images/dog_$i.png"; cp "$app/images/person_decoded.png" "$work/images/person_$i.png"
  done
  for b in 1 32; do
    echo "\$ trtpipe detect --model yf-b32.plan --jsonl --batch $b images/ (40 PNGs)"
    trtpipe detect --model "$work/yf-b32.plan" --jsonl --batch $b --workers 4 "$work/images" > "$work/batch$b.jsonl"
    echo "(exit $?)"
  done
  echo "\$ trtpipe detect --batch 64 (beyond the profile)"; trtpipe detect --model "$work/yf-b32.plan" --batch 64 "$work/images"
  echo "(exit $?)"
  echo "\$ trtpipe bench-detect --model yf-b32.plan --batches 1,2,4,8,16,32"
  trtpipe bench-detect --model "$work/yf-b32.plan" --image "$app/images/dog_decoded.png" --batches 1,2,4,8,16,32 \
      --threads 12 --instances 2 --seconds 1 --rounds 3 --json > "$work/sweep.json"
  cp "$work/sweep.json" "$out/"
  cp "$work/yf-b32.plan" "$work/stale.plan"
  sed 's/"tensorRtVersion" : "[^"]*"/"tensorRtVersion" : "10.3.0"/' "$work/yf-b32.plan.json" > "$work/stale.plan.json"
  echo "\$ trtpipe detect --model stale.plan (sidecar says TensorRT 10.3.0)"
  trtpipe detect --model "$work/stale.plan" "$app/images/dog_decoded.png" > /dev/null; echo "(exit $?)"
  echo "\$ trtpipe detect --model stale.plan --rebuild"
  trtpipe detect --model "$work/stale.plan" --rebuild --jsonl "$app/images/dog_decoded.png" > "$work/rebuilt.jsonl"
  rebuild_exit=$?
  echo "(exit $rebuild_exit)"

  echo
  echo "| check | result |"
  echo "|---|---|"
  same=$( [ -s "$work/batch1.jsonl" ] && cmp -s "$work/batch1.jsonl" "$work/batch32.jsonl" && echo identical \
      || echo "$(diff "$work/batch1.jsonl" "$work/batch32.jsonl" | grep -c '^<') of $(wc -l < "$work/batch1.jsonl") lines differ")
  echo "| detect --batch 32 vs --batch 1, 40 images (JSON Lines) | $same |"
  echo "| detect --rebuild of a stale engine | exit $rebuild_exit, sidecar now TensorRT $(grep -o '"tensorRtVersion" : "[^"]*"' "$work/stale.plan.json" | cut -d'"' -f4), $(grep -c '"image"' "$work/rebuilt.jsonl") image detected, $( cmp -s <(head -1 "$work/batch1.jsonl" | sed 's/"image":"[^"]*"//') <(sed 's/"image":"[^"]*"//' "$work/rebuilt.jsonl") && echo 'same detections' || echo 'detections differ from the original engine') |"
  echo
  echo "| batch | engine-only images/s | graph-only images/s | detect pooled images/s | % of engine-only |"
  echo "|---|---|---|---|---|"
  field() { grep -o "\"$1\":[0-9.Ee+-]*" <<< "$2" | cut -d: -f2; }
  tr '{' '\n' < "$work/sweep.json" | grep '"batch"' | while read -r row; do
    graph=$(field graph_only_images_per_second "$row")
    printf "| %d | %.0f | %s | %.0f | %.1f %% |\n" "$(field batch "$row")" "$(field baseline_images_per_second "$row")" \
        "$( [ -n "$graph" ] && printf %.0f "$graph" || echo -)" "$(field detect_pooled_images_per_second "$row")" \
        "$(awk -v r="$(field ratio "$row")" 'BEGIN { print 100 * r }')"
  done
} 2>&1 | tee "$out/batch.log"
