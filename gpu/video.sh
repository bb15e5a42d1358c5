#!/usr/bin/env bash
# Video on the GPU machine after staging (../shared/gpu/README.md), from the folder gpu/prepare-all.sh fills for video
# (.gpu/app-video: the slim jar with FFmpeg, staged-env.sh, models/yolo-fastest-1.1.onnx, dog_decoded.png):
#   APP=.gpu/app-video bash .gpu/app-video/video.sh
# Issue 13's video target: with a GPU engine, detection keeps >= 90 % of a 1080p H.264 file's decode-only frame rate.
# Builds the Yolo-Fastest-1.1 fp16 engine (level 0, timing cache); makes a 1080p H.264 clip of 300 frames from
# dog_decoded.png while timing the pipeline without a network (bench-video --no-detect: decoding, hand-over and
# conversion to RGB only, the most any detector can reach); then bench-video on that clip, 8 workers over 1, 2 and 4
# engine instances (2 is the default for 8 workers), with the resize/letterbox on the CPU and with --gpu-preprocess
# (the workers convert each frame straight into the engine's pinned memory, which the GPU reads by DMA; NVRTC's kernel
# resizes on the GPU). Rates are the steady state (each pass's first 60 frames
# warm up, decode-only alike); the whole-pass ratio (startup included) is the last column. Each run's --profile (per
# stage, ms/frame) is in the log. Then detect --video with and without --gpu-preprocess: the JSON lines must be
# identical; and --out-video. Prints a table at the end. About 2.5 minutes. Logs go to $OUT.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/video
trtpipe() { staged_trtpipe "$@" 2>&1 | without_progress; }
# one bench-video run; its table and profile go to the log and one row to $work/rows
bench() {
  local label=$1; shift
  echo "\$ trtpipe bench-video $*"
  trtpipe bench-video --profile --rounds 5 "$@" | tee "$work/bench.out"
  # a --gpu-preprocess run whose kernel could not be built measured the CPU path: say so in its row
  case " $* " in *" --gpu-preprocess "*) grep -q "GPU preprocessing instead" "$work/bench.out" || label="$label: CPU FALLBACK";; esac
  awk -v label="$label" '/^decode only/ {d=$3} /^decode \+/ {p=$4} /^ratio/ {r=$2}
      /^steady state/ {w=$(NF-1); gsub(/[()]/, "", w)} /^  worker +in place/ {ip=$4 "/" $6}
      END {printf "| %-44s | %8s | %8s | %6s %% | %6s %% | %9s |\n", label, d, p, r, w, ip}' "$work/bench.out" >> "$work/rows"
}
{
  nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
  echo "cores: $(nproc)"
  : > "$work/rows"
  trtpipe onnx2trt -m "$app/models/yolo-fastest-1.1.onnx" -e "$work/yf.plan" -t fp16 --opt-level 0 \
      --timing-cache "$work/yf.timing" | grep -E "wrote|rror"
  cp "$app/models/coco.names" "$work/" 2>/dev/null   # detect finds the names beside the engine
  bench "--no-detect --workers 8 (no network)" --no-detect --image "$app/dog_decoded.png" --frames 300 --workers 8 \
      --keep-clip "$work/clip-1080p.mp4"
  for gpu in "" --gpu-preprocess; do
    for instances in 1 2 4; do
      bench "--workers 8 --instances $instances ${gpu:-(CPU resize)}" "$work/clip-1080p.mp4" --model "$work/yf.plan" --frames 0 \
          --workers 8 --instances "$instances" $gpu
    done
  done
  for gpu in "" --gpu-preprocess; do
    echo "\$ trtpipe detect --model yf.plan --video clip-1080p.mp4 --workers 8 $gpu"
    staged_trtpipe detect --model "$work/yf.plan" --video "$work/clip-1080p.mp4" --workers 8 $gpu \
        > "$work/frames$gpu.jsonl" 2> "$work/detect$gpu.err"
    echo "(exit $?)"; cat "$work/detect$gpu.err"; wc -l < "$work/frames$gpu.jsonl"
  done
  if cmp -s "$work/frames.jsonl" "$work/frames--gpu-preprocess.jsonl" && [ -s "$work/frames.jsonl" ]; then
    same="identical ($(wc -l < "$work/frames.jsonl") frames)"
  else
    same="DIFFERENT"; diff "$work/frames.jsonl" "$work/frames--gpu-preprocess.jsonl" | head -6
  fi
  head -c 400 "$work/frames.jsonl"; echo
  echo "\$ trtpipe detect --model yf.plan --video clip-1080p.mp4 --out-video annotated.mp4 --every 10"
  staged_trtpipe detect --model "$work/yf.plan" --video "$work/clip-1080p.mp4" --out-video "$work/annotated.mp4" --every 10 \
      > /dev/null 2> "$work/annotated.err"
  echo "(exit $?)"; tail -1 "$work/annotated.err"; ls -l "$work/annotated.mp4"
  echo
  echo "| bench-video, 1080p H.264 clip, Yolo-Fastest fp16 | decode only (frames/s) | decode + … (frames/s) | ratio | whole passes | converted in place |"
  echo "|---|---|---|---|---|---|"
  cat "$work/rows"
  echo "detect --video JSON lines, CPU resize vs --gpu-preprocess: $same"
} 2>&1 | tee "$out/video.log"
