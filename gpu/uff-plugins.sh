#!/usr/bin/env bash
# The TLT-shaped UFF plugin graphs on TensorRT 10 (issue 11 items 2 and 6; docs/uff-plugins.md):
#   bash .gpu/app/uff-plugins.sh
# Needs in .gpu/app what gpu/prepare-app.sh puts there (trtpipe.jar, staged-env.sh), plus this script and
# uff-plugins/ written on the dev machine (seconds, no GPU):
#   cp gpu/uff-plugins.sh .gpu/app/
#   mvn -B -ntp -q -pl uff -am test -Dtest=PluginGraphsExport -Dsurefire.failIfNoSpecifiedTests=false \
#       -Dtrtpipe.pluginGraphs=$PWD/.gpu/app/uff-plugins
# For each graph: the plugin ONNX builds (fp32, level 0, one timing cache); for the NMS heads (ssd, retinanet)
# the plugin engine runs on the SSD's seeded input and `trtpipe check` compares it with the plain-ONNX
# translation on ONNX Runtime (itself checked against the Java NMS/GridAnchor reference in the unit tests);
# then the document's tao-converter command shape on the SSD graph wrapped in an .etlt. Table: $OUT/uff-plugins.md.
# Since wip-plugfix the graphs hold no GridAnchor_TRT / BatchTilePlugin_TRT / FlattenConcat_TRT / ResizeNearest_TRT
# node (constant priors, Expand, Reshape + Concat, Resize: implicit-batch plugins TensorRT 10 cannot parse) and
# declare the NMS counts INT32 (NMS:1, BatchedNMS); check compares those int32 counts with the plain float ones by value.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/uffplug
LIMIT=${LIMIT:-90}
src="$app/uff-plugins"
log="$out/uff-plugins.log"; : > "$log"
table="$out/uff-plugins.md"
printf '| graph | step | exit | ms | result |\n|---|---|---|---|---|\n' > "$table"
[ -f "$src/ssd.onnx" ] || { echo "missing $src/ssd.onnx (see the header of this script)" | tee -a "$log"; exit 1; }
# step GRAPH STEP CMD...: runs trtpipe CMD, one table row with its exit code, time and last line
step() {
  local graph=$1 name=$2; shift 2
  echo "\$ trtpipe $*" >> "$log"
  local t0; t0=$(date +%s%N)
  staged_trtpipe "$@" > "$work/step.out" 2> "$work/step.err"
  local rc=$? ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  without_progress < "$work/step.err" >> "$log"; cat "$work/step.out" >> "$log"; echo "(exit $rc)" >> "$log"
  local result; result=$(awk -F'|' '/^\| [^-]/ && NF == 7 && $2 !~ / output / {printf "%s;", $0}' "$work/step.out" | tr -s ' ')
  [ -z "$result" ] && result=$( (grep -v '^\s*$' "$work/step.out"; without_progress < "$work/step.err" | grep -v '^\s*$') | tail -1 | cut -c1-200)
  echo "| $graph | $name | $rc | $ms | ${result//|/\\|} |" >> "$table"
}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee -a "$log"
build=(--opt-level 0 --timing-cache "$work/timing.cache")
for g in ssd retinanet yolov3 frcnn batchednms; do
  step $g "onnx2trt fp32 (plugins resolved)" onnx2trt -m "$src/$g.onnx" -e "$work/$g.plan" --batch 1:2:4 "${build[@]}"
done
# plugin engine vs plain-ONNX NMS on ONNX Runtime, same seeded input (ssd-input.npy: batch 2, 3x300x300)
step ssd "check vs plain ONNX (NMS, NMS:1, priors)" check -m "$src/ssd-plain.onnx" -e "$work/ssd.plan" \
    --input Input="$src/ssd-input.npy" --save-outputs "$work/ssd-saved"
step retinanet "check vs plain ONNX" check -m "$src/retinanet-plain.onnx" -e "$work/retinanet.plan" \
    --input Input="$src/retinanet-input.npy"
step batchednms "check vs plain ONNX (clustered boxes)" check -m "$src/batchednms-plain.onnx" -e "$work/batchednms.plan" \
    --input boxes="$src/batchednms-boxes.npy" --input scores="$src/batchednms-scores.npy"
# the plain-ONNX translation itself on TensorRT (no plugin at all)
step ssd "onnx2trt plain ONNX NMS" onnx2trt -m "$src/ssd-plain.onnx" -e "$work/ssd-plain.plan" --batch 1:2:4 "${build[@]}"
step ssd "check plain engine vs ONNX Runtime" check -m "$src/ssd-plain.onnx" -e "$work/ssd-plain.plan" --input Input="$src/ssd-input.npy"
# the document's command shape: tao-convert -d 3,300,300 -o NMS -m 16 -t fp16 -i nchw on an .etlt holding the UFF
step ssd "onnx2etlt (UFF payload)" onnx2etlt "$src/ssd.uff" -k nvidia_tlt -o "$work/ssd.etlt"
step ssd "tao-convert -d 3,300,300 -o NMS -m 16 -t fp16 -i nchw" tao-convert -k nvidia_tlt -d 3,300,300 -o NMS \
    -e "$work/ssd-tao.trt" -m 16 -t fp16 -i nchw "$work/ssd.etlt" "${build[@]}"
step ssd "check tao engine (fp16) vs plain ONNX" check -m "$src/ssd-plain.onnx" -e "$work/ssd-tao.trt" \
    --input Input="$src/ssd-input.npy" --max-rel-l2 5e-3
# the Java references, where the host has numpy (engine outputs saved by the first check)
if python3 -c 'import numpy' 2>/dev/null; then
  python3 - "$src" "$work/ssd-saved/candidate" >> "$table" 2>&1 <<'PY'
import sys, os, numpy as np
src, cand = sys.argv[1], sys.argv[2]
# engine outputs as `check --save-outputs` names them (non [A-Za-z0-9._-] become _), against the Java references
for ref, saved in (('ssd-NMS.npy', 'NMS.npy'), ('ssd-keepCount.npy', 'NMS_1.npy'), ('ssd-priors.npy', 'concat_priorbox.npy')):
    path = os.path.join(cand, saved)
    if not os.path.exists(path):
        print(f'| ssd | Java reference {ref} | - | - | engine output {saved} not saved |'); continue
    r, e = np.load(os.path.join(src, ref)), np.load(path).astype(np.float32)
    result = f'max abs err {float(np.abs(e.reshape(r.shape) - r).max()):.3g}' if e.size == r.size else f'shape {e.shape} vs {r.shape}'
    print(f'| ssd | Java reference {ref} | - | - | {result} |')
PY
else
  echo "| ssd | Java reference | - | - | no numpy on this host: compare $work/ssd-saved/candidate with $src/ssd-*.npy |" >> "$table"
fi
cat "$table"
