#!/usr/bin/env bash
# GPU preprocessing (issue 13 item 4; docs/gpu-preprocess.md) on the GPU machine after staging, from inside the
# folder gpu/prepare-all.sh fills (it copies gpu/*.sh, so this script is already there):
#   bash .gpu/app/all.sh gpu-preprocess:200        (or: bash .gpu/app/gpu-preprocess.sh)
# Needs only what gpu/prepare-app.sh puts in .gpu/app: trtpipe.jar, staged-env.sh, yolo-fastest-1.1.cfg/.weights,
# images/*_decoded.png. NVRTC (libnvrtc.so.13) must be in /usr/local/cuda/lib64 (staged-env.sh puts it on the path).
# 1. NVRTC compiles darknet_input.cu for the device; the kernel's floats against the Java kernel's, bit for bit, on
#    awkward sizes (1-pixel sides, strong down/upscales, letterbox bands) and dog_decoded.png (bench-detect prints
#    the table before measuring);
# 2. detect over 40 PNGs at --batch 32 with and without --gpu-preprocess, resize and --letterbox: same JSON Lines;
# 3. bench-detect --batches 1,8,16,32 --gpu-preprocess on Yolo-Fastest fp16 (--batch 1:32:32, level 0, timing cache),
#    8 instances, 16 threads: engine-only loop, pooled detect (CPU preprocessing), pooled detect (GPU preprocessing);
# 4. the same at batch 32 on the EfficientNMS head (--head nms --nms-plugin efficient): GPU input, a few hundred bytes out.
# Tables at the end; logs and the sweep JSON in $OUT.
set -uo pipefail
# /tmp/batch: the engines gpu/batch.sh and gpu/batch-scaling.sh build (same flags) are reused when they ran first
. "${APP:-.gpu/app}/staged-env.sh" /tmp/batch
trtpipe() { staged_trtpipe "$@" 2> >(without_progress >&2); }
log="$out/gpu-preprocess.log"
{
  nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
  ls /usr/local/cuda/lib64 | grep -i nvrtc || echo "no libnvrtc in /usr/local/cuda/lib64"
  [ -f "$work/yf-b32.plan" ] || trtpipe darknet2trt --cfg "$app/yolo-fastest-1.1.cfg" --weights "$app/yolo-fastest-1.1.weights" \
      -o "$work/yf-n.onnx" -e "$work/yf-b32.plan" -t fp16 --batch 1:32:32 --opt-level 0 --timing-cache "$work/timing.cache" | grep wrote

  echo "\$ trtpipe bench-detect --model yf-b32.plan --batches 1 --gpu-preprocess --iterations 20 --rounds 1   (the bit-exact check)"
  staged_trtpipe bench-detect --model "$work/yf-b32.plan" --image "$app/images/dog_decoded.png" --batches 1 --gpu-preprocess \
      --iterations 20 --rounds 1 --threads 2 > "$work/gpupre-check.out" 2> "$work/gpupre-check.err"
  echo "(exit $?)"; cat "$work/gpupre-check.err" "$work/gpupre-check.out"

  mkdir -p "$work/images"
  for i in $(seq -w 20); do
    cp "$app/images/dog_decoded.png" "$work/images/dog_$i.png"; cp "$app/images/person_decoded.png" "$work/images/person_$i.png"
  done
  for mode in resize letterbox; do
    for gpu in "" --gpu-preprocess; do
      echo "\$ trtpipe detect --model yf-b32.plan --jsonl --batch 32 --workers 4 --$mode $gpu images/ (40 PNGs)"
      trtpipe detect --model "$work/yf-b32.plan" --jsonl --batch 32 --workers 4 --$mode $gpu "$work/images" > "$work/gpupre-$mode$gpu.jsonl"
      echo "(exit $?)"
    done
  done

  echo "\$ trtpipe bench-detect --model yf-b32.plan --batches 1,8,16,32 --gpu-preprocess --instances 8 --threads 16"
  trtpipe bench-detect --model "$work/yf-b32.plan" --image "$app/images/dog_decoded.png" --batches 1,8,16,32 --gpu-preprocess \
      --instances 8 --threads 16 --seconds 1 --rounds 2 --json > "$work/gpupre-sweep.json"
  echo "(exit $?)"; cp "$work/gpupre-sweep.json" "$out/gpu-preprocess-sweep.json"

  [ -f "$work/yf-nms-b32.plan" ] || trtpipe darknet2trt --cfg "$app/yolo-fastest-1.1.cfg" --weights "$app/yolo-fastest-1.1.weights" -o "$work/yf-nms.onnx" \
      -e "$work/yf-nms-b32.plan" -t fp16 --batch 1:32:32 --head nms --nms-plugin efficient --opt-level 0 \
      --timing-cache "$work/timing.cache" | grep wrote
  echo "\$ trtpipe bench-detect --model yf-nms-b32.plan --batches 32 --gpu-preprocess --instances 8 --threads 16"
  staged_trtpipe bench-detect --model "$work/yf-nms-b32.plan" --image "$app/images/dog_decoded.png" --batches 32 --gpu-preprocess \
      --instances 8 --threads 16 --seconds 1 --rounds 2 --json > "$work/gpupre-sweep-nms.json" 2> "$work/gpupre-sweep-nms.err"
  echo "(exit $?)"; grep -v '^|' "$work/gpupre-sweep-nms.err"; cp "$work/gpupre-sweep-nms.json" "$out/gpu-preprocess-sweep-nms.json"

  echo
  grep -E '^bit-exact check|^GPU preprocessing' "$work/gpupre-check.err" || echo "bit-exact check: did not run (see above)"
  echo
  echo "| detect --batch 32, 40 PNGs | JSON Lines with --gpu-preprocess vs without |"
  echo "|---|---|"
  for mode in resize letterbox; do
    a="$work/gpupre-$mode.jsonl"; b="$work/gpupre-$mode--gpu-preprocess.jsonl"
    same=$( [ -s "$a" ] && cmp -s "$a" "$b" && echo "identical ($(wc -l < "$a") lines)" \
        || echo "$(diff "$a" "$b" | grep -c '^<') of $(wc -l < "$a") lines differ")
    echo "| $mode | $same |"
  done
  echo
  echo "| engine | batch | engine-only images/s | pooled detect, CPU preprocessing | % | pooled detect, GPU preprocessing | % |"
  echo "|---|---|---|---|---|---|---|"
  field() { grep -o "\"$1\":[0-9.Ee+-]*" <<< "$2" | cut -d: -f2; }
  for f in sweep sweep-nms; do
    tr '{' '\n' < "$work/gpupre-$f.json" 2>/dev/null | grep '"batch"' | while read -r row; do
      printf "| %s | %d | %.0f | %.0f | %.1f %% | %.0f | %.1f %% |\n" "$( [ $f = sweep ] && echo raw heads || echo EfficientNMS)" \
          "$(field batch "$row")" "$(field baseline_images_per_second "$row")" "$(field detect_pooled_images_per_second "$row")" \
          "$(awk -v r="$(field ratio "$row")" 'BEGIN { print 100 * r }')" \
          "$(field detect_pooled_gpu_preprocess_images_per_second "$row")" \
          "$(awk -v r="$(field gpu_preprocess_ratio "$row")" 'BEGIN { print 100 * r }')"
    done
  done
} 2>&1 | tee "$log"
