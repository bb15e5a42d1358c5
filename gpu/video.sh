#!/usr/bin/env bash
# Video on the GPU machine after staging (../shared/gpu/README.md), from the folder gpu/prepare-all.sh fills for video
# (.gpu/app-video: the slim jar with FFmpeg, staged-env.sh, models/yolo-fastest-1.1.onnx, dog_decoded.png):
#   APP=.gpu/app-video bash .gpu/app-video/video.sh
# Builds the Yolo-Fastest-1.1 fp16 engine (level 0, timing cache); makes a 1080p H.264 clip of 300 frames from
# dog_decoded.png while timing the pipeline without a network (bench-video --no-detect: decoding, hand-over and
# conversion to RGB only, the most any detector can reach); then bench-video (decode-only vs decode + detect,
# target >= 90 %) on that clip with 4, 8 and 12 workers; then detect --video with --out-video. Prints a table at
# the end. About 2 minutes. Logs go to $OUT.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/video
trtpipe() { staged_trtpipe "$@" 2>&1 | without_progress; }
# one bench-video run; its table goes to the log and one row to $work/rows
bench() {
  local label=$1; shift
  echo "\$ trtpipe bench-video $*"
  trtpipe bench-video "$@" | tee "$work/bench.out"
  awk -v label="$label" '/^decode only/ {d=$3} /^decode \+/ {p=$4} /^ratio/ {r=$2}
      END {printf "| %-38s | %8s | %8s | %6s %% |\n", label, d, p, r}' "$work/bench.out" >> "$work/rows"
}
{
  nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
  echo "cores: $(nproc)"
  : > "$work/rows"
  trtpipe onnx2trt -m "$app/models/yolo-fastest-1.1.onnx" -e "$work/yf.plan" -t fp16 --opt-level 0 \
      --timing-cache "$work/yf.timing" | grep -E "wrote|rror"
  cp "$app/models/coco.names" "$work/" 2>/dev/null   # detect finds the names beside the engine
  bench "--no-detect --workers 8 (no network)" --no-detect --image "$app/dog_decoded.png" --frames 300 --rounds 3 --workers 8 \
      --keep-clip "$work/clip-1080p.mp4"
  for wi in "4 1" "8 1" "8 2" "12 2"; do
    set -- $wi
    bench "--workers $1 --instances $2" "$work/clip-1080p.mp4" --model "$work/yf.plan" --frames 0 --rounds 3 --workers "$1" --instances "$2"
  done
  echo "\$ trtpipe detect --model yf.plan --video clip-1080p.mp4 --out-video annotated.mp4 --every 2"
  staged_trtpipe detect --model "$work/yf.plan" --video "$work/clip-1080p.mp4" --out-video "$work/annotated.mp4" --every 2 \
      > "$work/frames.jsonl" 2> "$work/detect.err"
  echo "(exit $?)"; tail -2 "$work/detect.err"; wc -l < "$work/frames.jsonl"; head -c 400 "$work/frames.jsonl"; echo
  ls -l "$work/annotated.mp4"
  echo
  echo "| bench-video on a 1080p H.264 clip, fp16 | decode only (frames/s) | decode + … (frames/s) | ratio |"
  echo "|---|---|---|---|"
  cat "$work/rows"
} 2>&1 | tee "$out/video.log"
