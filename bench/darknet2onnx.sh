#!/usr/bin/env bash
# Benchmark of trtpipe darknet2onnx on full-size YOLOv3-608 (pjreddie cfg, random weights of the right size).
#  1. in one JVM: converting vs. merely reading the weights and writing as many bytes (target ratio <= 2);
#  2. the operating system's floor on this machine: reading the weights (cat) and writing as many bytes (dd);
#  3. the whole `./trtpipe darknet2onnx` process as a user runs it (launcher, JVM start, class-data sharing
#     archive as built by the launcher), median of several cold runs: wall time against TensorRT's Python
#     sample (5.7 s, target 20x faster) and peak RSS against the weights size (target <= 1.5x).
# Usage: bench/darknet2onnx.sh [work-dir] [runs]   (default /tmp/trtpipe-bench, 7; needs ~0.8 GB free there)
# The JVM is the launcher's: JAVA_HOME's when set (e.g. a Java 25 runtime, which gets an AOT cache), else the PATH's.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-/tmp/trtpipe-bench}"
runs="${2:-7}"
cfg="${TRTPIPE_SHARED:-$here/../shared}/models/darknet/cfg/pjreddie/yolov3.cfg"
mkdir -p "$work"
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "load average (1, 5, 15 min) at the start: $(load) on $(nproc) cores"
echo "java: $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)"

"$here/trtpipe" bench-convert --cfg "$cfg" --work-dir "$work" --repeat 7
weights="$work/random.weights"
bytes=$(stat -c %s "$weights")

median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
seconds() { /usr/bin/time -f %e "$@" 2>&1 >/dev/null | tail -1; }

for i in $(seq "$runs"); do seconds cat "$weights"; done | median > "$work/cat.txt"
for i in $(seq "$runs"); do
  seconds dd if=/dev/zero of="$work/dd.bin" bs=1M count=$((bytes >> 20)) status=none
  rm -f "$work/dd.bin"
done | median > "$work/dd.txt"
echo "OS floor: cat weights > /dev/null $(cat "$work/cat.txt") s, dd write $((bytes >> 20)) MiB $(cat "$work/dd.txt") s (medians of $runs)"

"$here/trtpipe" --help > /dev/null # builds the class-data sharing archive if the jar is newer
for i in $(seq "$runs"); do seconds "$here/trtpipe" --help; done | median > "$work/start.txt"
: > "$work/process.txt"
for i in $(seq "$runs"); do
  /usr/bin/time -f "%e %M %U %S" -a -o "$work/process.txt" "$here/trtpipe" darknet2onnx --cfg "$cfg" --weights "$weights" \
    -o "$work/yolov3.onnx" > /dev/null
done
wall=$(awk '{print $1}' "$work/process.txt" | median)
rss=$(awk '{print $2}' "$work/process.txt" | median)
cpu=$(awk '{print $3 + $4}' "$work/process.txt" | median)
echo "whole process, median of $runs cold runs (JVM start alone, trtpipe --help: $(cat "$work/start.txt") s):"
echo "  ./trtpipe darknet2onnx: wall ${wall} s = $(awk "BEGIN {printf \"%.1f\", 5.7 / $wall}")x faster than TensorRT's 5.7 s (target 20x)," \
  "max RSS $((rss / 1024)) MB = $(awk "BEGIN {printf \"%.2f\", $rss * 1024 / $bytes}")x the weights (target <= 1.5)"
echo "  CPU user+sys ${cpu} s (median); all runs (wall s, RSS KB, user s, sys s): $(tr '\n' ';' < "$work/process.txt")"
echo "load average at the end: $(load)"
