#!/usr/bin/env bash
# The TLT-shaped UFF plugin graphs on TensorRT 10 (issue 11 items 2 and 6; docs/uff-plugins.md):
#   bash .gpu/app/uff-plugins.sh
# Needs in .gpu/app what gpu/prepare-all.sh puts there (trtpipe.jar, staged-env.sh, this script and uff-plugins/,
# written on the dev machine in seconds, no GPU):
#   cp gpu/uff-plugins.sh .gpu/app/
#   mvn -B -ntp -q -pl uff -am test -Dtest=PluginGraphsExport -Dsurefire.failIfNoSpecifiedTests=false \
#       -Dtrtpipe.pluginGraphs=$PWD/.gpu/app/uff-plugins
# 1. Each plugin graph builds (fp32, level 0, one timing cache): ssd and retinanet (NMSDynamic_TRT), yolov3 and the
#    BatchedNMS head (BatchedNMSDynamic_TRT), frcnn (ProposalDynamic, CropAndResizeDynamic; built only), and FasterRCNN's
#    CropAndResize and Proposal alone (cropandresize, proposal: fed seeded features and boxes, RPN scores and deltas).
# 2. Each engine with a reference runs on its seeded inputs (uff-plugins/graphs.tsv) through `trtpipe check` against
#    the plain-ONNX translation on ONNX Runtime (a zeros stub for CropAndResize and Proposal, which have no plain
#    form), which saves the engine's outputs. NMS:1 rows are expected to FAIL there: the engine's keep count is int32
#    bits in a float output (nmsPlugin.cpp), the plain one a number; the stub rows fail by design.
# 3. Every saved output against the Java reference computed from the plugin's definition (uff-plugins/compare.tsv,
#    NAME-ref/*.npy; PluginGraphReferences): boxes and scores within 5e-4, image ids, labels, classes and keep counts
#    exactly (counts decoded from their int32 bits); crops and proposals within 5e-4. One PASS/FAIL row per output.
# 4. The document's tao-converter command shape on the SSD graph wrapped in an .etlt. Table: $OUT/uff-plugins.md.
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
  staged_trtpipe "$@" < /dev/null > "$work/step.out" 2> "$work/step.err"
  local rc=$? ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  without_progress < "$work/step.err" >> "$log"; cat "$work/step.out" >> "$log"; echo "(exit $rc)" >> "$log"
  local result; result=$(awk -F'|' '/^\| [^-]/ && NF == 7 && $2 !~ / output / {printf "%s;", $0}' "$work/step.out" | tr -s ' ')
  [ -z "$result" ] && result=$( (grep -v '^\s*$' "$work/step.out"; without_progress < "$work/step.err" | grep -v '^\s*$') | tail -1 | cut -c1-200)
  echo "| $graph | $name | $rc | $ms | ${result//|/\\|} |" >> "$table"
}
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee -a "$log"
build=(--opt-level 0 --timing-cache "$work/timing.cache")
for g in ssd retinanet yolov3 frcnn batchednms cropandresize proposal; do
  step $g "onnx2trt fp32 (plugins resolved)" onnx2trt -m "$src/$g.onnx" -e "$work/$g.plan" --batch 1:2:4 "${build[@]}"
done
# plugin engine vs plain-ONNX NMS on ONNX Runtime with the graph's seeded inputs; saves the engine's outputs
while IFS=$'\t' read -r g inputs; do
  args=()
  for spec in $inputs; do args+=(--input "${spec%%=*}=$src/${spec#*=}"); done
  label="check vs plain ONNX (saves engine outputs)"
  case $g in
    ssd|retinanet) label="$label; NMS:1 FAIL expected here: int32 bits vs a number, decoded below";;
    cropandresize|proposal) label="check vs a zeros stub (no plain ONNX form): only saves the engine output; FAIL expected here";;
  esac
  rm -rf "$work/$g-saved"  # never compare an earlier run's outputs
  step $g "$label" check -m "$src/$g-plain.onnx" -e "$work/$g.plan" "${args[@]}" \
      --save-outputs "$work/$g-saved"
done < "$src/graphs.tsv"
# the plain-ONNX translation itself on TensorRT (no plugin at all)
step ssd "onnx2trt plain ONNX NMS" onnx2trt -m "$src/ssd-plain.onnx" -e "$work/ssd-plain.plan" --batch 1:2:4 "${build[@]}"
step ssd "check plain engine vs ONNX Runtime" check -m "$src/ssd-plain.onnx" -e "$work/ssd-plain.plan" --input Input="$src/ssd-input.npy"
# the document's command shape: tao-convert -d 3,300,300 -o NMS -m 16 -t fp16 -i nchw on an .etlt holding the UFF
step ssd "onnx2etlt (UFF payload)" onnx2etlt "$src/ssd.uff" -k nvidia_tlt -o "$work/ssd.etlt"
step ssd "tao-convert -d 3,300,300 -o NMS -m 16 -t fp16 -i nchw" tao-convert -k nvidia_tlt -d 3,300,300 -o NMS \
    -e "$work/ssd-tao.trt" -m 16 -t fp16 -i nchw "$work/ssd.etlt" "${build[@]}"
step ssd "check tao engine (fp16) vs plain ONNX" check -m "$src/ssd-plain.onnx" -e "$work/ssd-tao.trt" \
    --input Input="$src/ssd-input.npy" --max-rel-l2 5e-3
# every saved engine output against its Java reference (numpy comes with the host's onnx / onnxruntime)
python3 - "$src" "$work" >> "$table" 2>> "$log" <<'PY' || echo "| - | Java references | - | - | FAIL: the comparison did not run (see uff-plugins.log) |" >> "$table"
import os, sys
import numpy as np
src, work = sys.argv[1], sys.argv[2]
TOL = 5e-4  # float32 engine against float64-accumulated Java (PluginOutputCheck.TOLERANCE)

def count(a):
    # NMS_TRT's keep count is FLOAT holding int32 bits (3 reads as 4.2e-45); BatchedNMS's is INT32; plain ones numbers
    a = a.reshape(-1)
    if a.dtype == np.float32:
        return np.where(a == np.rint(a), a.astype(np.float64), a.view(np.int32).astype(np.float64))
    return a.astype(np.float64)

kept = dict(line.rstrip('\n').split('\t') for line in open(os.path.join(src, 'kept.tsv')))
for line in open(os.path.join(src, 'compare.tsv')):
    graph, output, name, kind = line.rstrip('\n').split('\t')
    step = f'{output} vs Java reference ({kind})' + (f', kept {kept[graph]}' if kind == 'count' else '')
    ref = np.load(os.path.join(src, graph + '-ref', name)).astype(np.float64).reshape(-1)
    path = os.path.join(work, graph + '-saved', 'candidate', name)
    if not os.path.exists(path):
        print(f'| {graph} | {step} | - | - | FAIL: engine output not saved (did the build or check fail?) |'); continue
    raw = np.load(path)
    got = count(raw) if kind == 'count' else raw.astype(np.float64).reshape(-1)
    if got.size != ref.size:
        print(f'| {graph} | {step} | - | - | FAIL: engine gives {raw.shape} {raw.dtype}, reference {ref.size} values |'); continue
    exact = np.ones(ref.size, bool) if kind in ('exact', 'count') else np.zeros(ref.size, bool)
    if kind == 'nms_rows':
        exact = (np.arange(ref.size) % 7) < 2  # image id and label
    mismatches = int(np.count_nonzero(got[exact] != ref[exact]))
    err = float(np.abs(got[~exact] - ref[~exact]).max()) if (~exact).any() else 0.0
    verdict = 'PASS' if mismatches == 0 and err <= TOL else 'FAIL'
    detail = f'{mismatches} exact mismatches, max abs err {err:.3g}'
    if verdict == 'FAIL' and kind == 'count':
        detail += f'; engine {got.astype(int).tolist()} ({raw.dtype}), reference {ref.astype(int).tolist()}'
    print(f'| {graph} | {step} | - | - | {verdict}: {detail} |')
PY
# the engines' outputs come back too (a few hundred kB), so a failed comparison can be looked into off the GPU
for d in "$work"/*-saved; do [ -d "$d/candidate" ] && mkdir -p "$out/saved/$(basename "$d")" && cp "$d"/candidate/*.npy "$out/saved/$(basename "$d")/"; done
cat "$table"
