#!/usr/bin/env bash
# The raw heads' candidate prefilter (issue 13 item 4; docs/gpu-preprocess.md) on the GPU machine after staging, from
# inside the folder gpu/prepare-all.sh fills (it copies gpu/*.sh, so this script is already there):
#   bash .gpu/app/all.sh prefilter:180        (or: bash .gpu/app/prefilter.sh)
# Needs only what gpu/prepare-app.sh puts in .gpu/app: trtpipe.jar, staged-env.sh, yolo-fastest-1.1.cfg/.weights,
# images/*_decoded.png; NVRTC as for gpu/pinned.sh. Reuses /tmp/batch/yf-b32.plan when
# gpu/pinned.sh or gpu/batch.sh built it (same flags), else builds it (fp16, --batch 1:32:32, level 0, timing cache).
# 1. bench-detect --gpu-preprocess's checks: the resize kernel bit for bit, then the prefilter kernel against its Java
#    reference (counts, records scattered back, an overflowing batch);
# 2. detect --batch 32 over 40 PNGs with --gpu-preprocess (only candidate anchors come back) against the CPU path (whole
#    heads): resize and letterbox at the default threshold, --thresh 0.005, and --thresh 0.0001 (on the CPU the dog selects
#    243 anchors of the 10x10 head, within its 256 slots, and 797 of the 20x20 head: that one falls back to the whole head);
# 3. bench-detect --batches 8,16,32 --gpu-preprocess --instances 8 --threads 16 on the raw heads, dog_decoded.png.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/batch
# the prefilter is off unless this property is set (CandidateFilter.ENABLE_PROPERTY): it has not run on a GPU before
export JAVA_TOOL_OPTIONS="-Dtrtpipe.gpuCandidates=true"
trtpipe() { staged_trtpipe "$@" 2> >(without_progress >&2); }
log="$out/prefilter.log"
{
  nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
  [ -f "$work/yf-b32.plan" ] || trtpipe darknet2trt --cfg "$app/yolo-fastest-1.1.cfg" --weights "$app/yolo-fastest-1.1.weights" \
      -o "$work/yf-n.onnx" -e "$work/yf-b32.plan" -t fp16 --batch 1:32:32 --opt-level 0 --timing-cache "$work/timing.cache" | grep wrote

  echo "\$ trtpipe bench-detect --model yf-b32.plan --batches 1 --gpu-preprocess --iterations 20 --rounds 1   (the checks)"
  staged_trtpipe bench-detect --model "$work/yf-b32.plan" --image "$app/images/dog_decoded.png" --batches 1 --gpu-preprocess \
      --iterations 20 --rounds 1 --threads 2 > "$work/prefilter-check.out" 2> "$work/prefilter-check.err"
  echo "(exit $?)"; cat "$work/prefilter-check.err"

  mkdir -p "$work/images"
  for i in $(seq -w 20); do
    cp "$app/images/dog_decoded.png" "$work/images/dog_$i.png"; cp "$app/images/person_decoded.png" "$work/images/person_$i.png"
  done
  runs="resize: letterbox: resize:--thresh=0.005 resize:--thresh=0.0001"
  for run in $runs; do
    mode=${run%%:*}; extra=${run#*:}
    for gpu in "" --gpu-preprocess; do
      echo "\$ trtpipe detect --model yf-b32.plan --jsonl --batch 32 --workers 4 --$mode ${extra//=/ } $gpu images/ (40 PNGs)"
      trtpipe detect --model "$work/yf-b32.plan" --jsonl --batch 32 --workers 4 --$mode ${extra//=/ } $gpu "$work/images" \
          > "$work/prefilter-$mode$extra$gpu.jsonl"
      echo "(exit $?)"
    done
  done

  echo "\$ trtpipe bench-detect --model yf-b32.plan --batches 8,16,32 --gpu-preprocess --instances 8 --threads 16"
  trtpipe bench-detect --model "$work/yf-b32.plan" --image "$app/images/dog_decoded.png" --batches 8,16,32 --gpu-preprocess \
      --instances 8 --threads 16 --seconds 1 --rounds 2 --json > "$work/prefilter-sweep.json"
  echo "(exit $?)"; cp "$work/prefilter-sweep.json" "$out/prefilter-sweep.json"

  echo
  grep -E '^bit-exact check|^candidate prefilter check' "$work/prefilter-check.err" || echo "checks: did not run (see above)"
  echo
  echo "| detect --batch 32, 40 PNGs | JSON Lines with --gpu-preprocess (candidates only) vs the CPU path (whole heads) |"
  echo "|---|---|"
  for run in $runs; do
    mode=${run%%:*}; extra=${run#*:}
    a="$work/prefilter-$mode$extra.jsonl"; b="$work/prefilter-$mode$extra--gpu-preprocess.jsonl"
    same=$( [ -s "$a" ] && cmp -s "$a" "$b" && echo "identical ($(wc -l < "$a") lines, $(grep -o '"class_id"' "$a" | wc -l) detections)" \
        || echo "$(diff "$a" "$b" | grep -c '^<') of $(wc -l < "$a") lines differ")
    echo "| $mode ${extra//=/ } | $same |"
  done
  echo
  echo "| batch | engine-only images/s | pooled detect, CPU preprocessing | % | pooled detect, GPU preprocessing + prefilter | % |"
  echo "|---|---|---|---|---|---|"
  field() { grep -o "\"$1\":[0-9.Ee+-]*" <<< "$2" | cut -d: -f2; }
  tr '{' '\n' < "$work/prefilter-sweep.json" 2>/dev/null | grep '"batch"' | while read -r row; do
    printf "| %d | %.0f | %.0f | %.1f %% | %.0f | %.1f %% |\n" \
        "$(field batch "$row")" "$(field baseline_images_per_second "$row")" "$(field detect_pooled_images_per_second "$row")" \
        "$(awk -v r="$(field ratio "$row")" 'BEGIN { print 100 * r }')" \
        "$(field detect_pooled_gpu_preprocess_images_per_second "$row")" \
        "$(awk -v r="$(field gpu_preprocess_ratio "$row")" 'BEGIN { print 100 * r }')"
  done
} 2>&1 | tee "$log"
