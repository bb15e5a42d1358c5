#!/usr/bin/env bash
# Runs several GPU scripts in one device call, each under its own time limit, and prints how each ended:
#   bash .gpu/app/all.sh selftest:300 check:240       (SCRIPT:SECONDS, from the folder gpu/prepare-all.sh fills)
# Each script writes its own tables and logs under $OUT; this adds $OUT/all.md (script, exit, seconds).
set -uo pipefail
app=${APP:-.gpu/app}
out=${OUT:-/tmp/out}
mkdir -p "$out"
[ -d /opt/trt-java ] || bash /opt/stage/bin/unpack > /dev/null
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | tee -a "$out/all.md"
for job in "$@"; do
  script=${job%%:*}; limit=${job#*:}; [ "$limit" = "$job" ] && limit=240
  start=$(date +%s)
  echo "=== $script (limit ${limit}s)"
  timeout "$limit" bash "$app/$script.sh" > "$out/$script.stdout" 2>&1
  rc=$?
  tail -40 "$out/$script.stdout"
  echo "| $script | exit $rc | $(( $(date +%s) - start )) s |" | tee -a "$out/all.md"
done
# the device tool brings back only a few files: everything else travels as one archive
tar czf /tmp/results.tgz -C "$out" . && find "$out" -mindepth 1 ! -name all.md -exec rm -rf {} + 2>/dev/null; mv /tmp/results.tgz "$out/"
