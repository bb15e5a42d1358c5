#!/usr/bin/env bash
# Benchmark of COCO scoring alone (no inference): a generated set of 5,000 images x 100 detections x 80 classes
# scored by trtpipe's CocoEvaluator (best of 5) and by PortedCocoEval, a line-by-line Java port of pycocotools'
# evaluate/accumulate, in one JVM; prints both times, the ratio and whether the 12 stats agree to the bit.
# Target: CocoEvaluator < 3 s on the 2-core build machine.
# Usage: bench/eval.sh [extra bench-eval options, e.g. --images 1000 --skip-port]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
echo "load average (1, 5, 15 min) at the start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "java: $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)"
"$here/trtpipe" bench-eval "$@"
