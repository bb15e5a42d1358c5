#!/usr/bin/env bash
# Benchmark of trtpipe darknet2onnx on full-size YOLOv3-608 (pjreddie cfg, random weights of the right size).
#  1. in one JVM: converting vs. merely reading the weights and writing as many bytes (target ratio <= 2);
#  2. the whole `trtpipe darknet2onnx` process, JVM start included: wall time and peak RSS (/usr/bin/time -v),
#     RSS against the weights size (target <= 1.5x).
# Usage: bench/darknet2onnx.sh [work-dir]   (default /tmp/trtpipe-bench; needs ~0.8 GB free there)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-/tmp/trtpipe-bench}"
cfg="${TRTPIPE_SHARED:-$here/../shared}/models/darknet/cfg/pjreddie/yolov3.cfg"
jar="$here/cli/target/trtpipe.jar"
[ -f "$jar" ] || (cd "$here" && mvn -B -q -ntp -pl cli -am package -DskipTests)
mkdir -p "$work"

java -jar "$jar" bench-convert --cfg "$cfg" --work-dir "$work" --repeat 7
weights="$work/random.weights"
weights_kb=$(( $(stat -c %s "$weights") / 1024 ))
for run in 1 2 3; do
  /usr/bin/time -v java ${TRTPIPE_JAVA_OPTS:-} -jar "$jar" darknet2onnx --cfg "$cfg" --weights "$weights" -o "$work/yolov3.onnx" \
    > "$work/out.txt" 2> "$work/time.txt"
  wall=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$work/time.txt" | awk '{print $NF}')
  echo "process run $run: wall ${wall}, max RSS ${rss} KB = $(awk "BEGIN {printf \"%.2f\", $rss / $weights_kb}")x the weights (target <= 1.5)"
done
