#!/usr/bin/env bash
# Video on the GPU machine after staging (../shared/gpu/README.md), from the folder gpu/prepare-app.sh fills:
#   cp gpu/video.sh .gpu/app/      # once, after gpu/prepare-app.sh (which does not list this script)
#   bash .gpu/app/video.sh
# Builds the Yolo-Fastest-1.1 fp16 engine (level 0, timing cache), makes a 1080p H.264 clip of 300 frames
# from dog_decoded.png, and runs bench-video on it (decode-only vs decode + detect, target >= 90 %) with
# 4 workers and with 8 workers over 2 engine instances; then detect --video with --out-video on the same
# clip. Needs the jar with video (the default of gpu/slim-jar.sh, not NO_VIDEO=1). About 2 minutes.
# Logs go to $OUT.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/video
trtpipe() { staged_trtpipe "$@" 2>&1 | without_progress; }
{
  nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
  echo "cores: $(nproc)"
  trtpipe onnx2trt -m "$app/models/yolo-fastest-1.1.onnx" -e "$work/yf.plan" -t fp16 --opt-level 0 \
      --timing-cache "$work/yf.timing" | grep -E "wrote|rror"
  cp "$app/models/coco.names" "$work/" 2>/dev/null
  echo "\$ trtpipe bench-video --model yf.plan --image dog_decoded.png --frames 300 --workers 4 --keep-clip clip-1080p.mp4"
  trtpipe bench-video --model "$work/yf.plan" --image "$app/dog_decoded.png" --frames 300 --rounds 2 --workers 4 \
      --keep-clip "$work/clip-1080p.mp4"
  echo "\$ trtpipe bench-video clip-1080p.mp4 --model yf.plan --workers 8 --instances 2"
  trtpipe bench-video "$work/clip-1080p.mp4" --model "$work/yf.plan" --frames 0 --rounds 2 --workers 8 --instances 2
  echo "\$ trtpipe detect --model yf.plan --video clip-1080p.mp4 --out-video annotated.mp4 --every 2"
  staged_trtpipe detect --model "$work/yf.plan" --video "$work/clip-1080p.mp4" --out-video "$work/annotated.mp4" --every 2 \
      > "$work/frames.jsonl" 2> "$work/detect.err"
  echo "(exit $?)"; tail -2 "$work/detect.err"; wc -l < "$work/frames.jsonl"; head -c 400 "$work/frames.jsonl"; echo
  ls -l "$work/annotated.mp4"
} 2>&1 | tee "$out/video.log"
