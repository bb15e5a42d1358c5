#!/usr/bin/env bash
# Images in pinned memory for --gpu-preprocess (issue 13 item 4; docs/gpu-preprocess.md, "Images in pinned memory"),
# on the GPU machine after staging, from inside the folder gpu/prepare-all.sh fills (it copies gpu/*.sh):
#   bash .gpu/app/all.sh pinned:300        (or: bash .gpu/app/pinned.sh); about 2 min with both engines already built
# Needs only what gpu/prepare-app.sh puts in .gpu/app: trtpipe.jar, staged-env.sh, yolo-fastest-1.1.cfg/.weights,
# images/dog_decoded.png and person_decoded.png. Reuses /tmp/batch/yf-b32.plan and yf-nms-b32.plan when
# gpu/batch.sh built them, else builds them the same way (level 0, timing cache).
# 1. the bit-exact check: the GPU kernel against the Java kernel on 44 cases from heap images (staging copy), from
#    images in pinned memory (one cudaMemcpyAsync per image from its planes) and from a batch mixing both;
# 2. detect --batch 32 over 40 PNGs with --gpu-preprocess (decoded into the engine's pinned memory) against without,
#    resize and --letterbox: same JSON Lines;
# 3. bench-detect --batches 1,8,16,32 --gpu-preprocess --instances 8 --threads 16 on dog_decoded.png (768x576) for the
#    raw-heads engine and the EfficientNMS-head engine; the pools cycle through distinct copies of the image (the
#    GPU pool's in pinned memory).
# Tables at the end; logs and the sweep JSON in $OUT.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/batch
trtpipe() { staged_trtpipe "$@" 2> >(without_progress >&2); }
log="$out/pinned.log"
# the JSON Lines of detect with and without --gpu-preprocess, one row per mode (printed right after the runs too, so
# that a time limit hit during the benchmarks does not lose it)
compare_jsonl() {
  echo "| detect --batch 32, 40 PNGs | JSON Lines with --gpu-preprocess (images in pinned memory) vs without |"
  echo "|---|---|"
  for mode in resize letterbox; do
    a="$work/pinned-$mode.jsonl"; b="$work/pinned-$mode--gpu-preprocess.jsonl"
    same=$( [ -s "$a" ] && cmp -s "$a" "$b" && echo "identical ($(wc -l < "$a") lines)" \
        || echo "$(diff "$a" "$b" | grep -c '^<') of $(wc -l < "$a") lines differ")
    echo "| $mode | $same |"
  done
}
{
  nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
  [ -f "$work/yf-b32.plan" ] || trtpipe darknet2trt --cfg "$app/yolo-fastest-1.1.cfg" --weights "$app/yolo-fastest-1.1.weights" \
      -o "$work/yf-n.onnx" -e "$work/yf-b32.plan" -t fp16 --batch 1:32:32 --opt-level 0 --timing-cache "$work/timing.cache" | grep wrote
  [ -f "$work/yf-nms-b32.plan" ] || trtpipe darknet2trt --cfg "$app/yolo-fastest-1.1.cfg" --weights "$app/yolo-fastest-1.1.weights" \
      -o "$work/yf-nms.onnx" -e "$work/yf-nms-b32.plan" -t fp16 --batch 1:32:32 --head nms --nms-plugin efficient --opt-level 0 \
      --timing-cache "$work/timing.cache" | grep wrote

  echo "\$ trtpipe bench-detect --model yf-b32.plan --batches 1 --gpu-preprocess --iterations 20 --rounds 1   (the bit-exact checks)"
  staged_trtpipe bench-detect --model "$work/yf-b32.plan" --image "$app/images/dog_decoded.png" --batches 1 --gpu-preprocess \
      --iterations 20 --rounds 1 --threads 2 > "$work/pinned-check.out" 2> "$work/pinned-check.err"
  echo "(exit $?)"; cat "$work/pinned-check.err" "$work/pinned-check.out"

  mkdir -p "$work/images"
  for i in $(seq -w 20); do
    cp "$app/images/dog_decoded.png" "$work/images/dog_$i.png"; cp "$app/images/person_decoded.png" "$work/images/person_$i.png"
  done
  for mode in resize letterbox; do
    for gpu in "" --gpu-preprocess; do
      echo "\$ trtpipe detect --model yf-b32.plan --jsonl --batch 32 --workers 4 --$mode $gpu images/ (40 PNGs)"
      trtpipe detect --model "$work/yf-b32.plan" --jsonl --batch 32 --workers 4 --$mode $gpu "$work/images" > "$work/pinned-$mode$gpu.jsonl"
      echo "(exit $?)"
    done
  done
  compare_jsonl

  for engine in yf-b32 yf-nms-b32; do
    echo "\$ trtpipe bench-detect --model $engine.plan --batches 1,8,16,32 --gpu-preprocess --instances 8 --threads 16"
    staged_trtpipe bench-detect --model "$work/$engine.plan" --image "$app/images/dog_decoded.png" --batches 1,8,16,32 --gpu-preprocess \
        --instances 8 --threads 16 --seconds 1 --rounds 2 --json > "$work/pinned-$engine.json" 2> "$work/pinned-$engine.err"
    echo "(exit $?)"; grep -v '^|' "$work/pinned-$engine.err"; cp "$work/pinned-$engine.json" "$out/pinned-$engine.json"
  done

  echo
  grep -E '^bit-exact check|^GPU preprocessing' "$work/pinned-check.err" || echo "bit-exact check: did not run (see above)"
  echo
  compare_jsonl
  echo
  echo "dog_decoded.png 768x576, 8 instances, 16 threads; pooled runs on distinct copies (GPU pool's in pinned memory)"
  echo "| engine | batch | distinct images | engine-only images/s | pooled, CPU prep | % | pooled, GPU prep from pinned | % |"
  echo "|---|---|---|---|---|---|---|---|"
  field() { grep -o "\"$1\":[0-9.Ee+-]*" <<< "$2" | cut -d: -f2; }
  for engine in yf-b32 yf-nms-b32; do
    tr '{' '\n' < "$work/pinned-$engine.json" 2>/dev/null | grep '"batch"' | while read -r row; do
      printf "| %s | %d | %d | %.0f | %.0f | %.1f %% | %.0f | %.1f %% |\n" "$( [ $engine = yf-b32 ] && echo raw heads || echo EfficientNMS)" \
          "$(field batch "$row")" "$(field distinct_images "$row")" "$(field baseline_images_per_second "$row")" \
          "$(field detect_pooled_images_per_second "$row")" "$(awk -v r="$(field ratio "$row")" 'BEGIN { print 100 * r }')" \
          "$(field detect_pooled_gpu_preprocess_images_per_second "$row")" \
          "$(awk -v r="$(field gpu_preprocess_ratio "$row")" 'BEGIN { print 100 * r }')"
    done
  done
} 2>&1 | tee "$log"
