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
#    Every NMS graph keeps topK <= its boxes per image and keepTopK <= topK (TensorRT 10.6's plugins overrun their sort
#    buffers otherwise), and the four NMS graphs are built in fp16 too.
# 2. Each engine with a reference runs on its seeded inputs (uff-plugins/graphs.tsv, batch 2) through `trtpipe check`
#    against the plain-ONNX translation on ONNX Runtime (a zeros stub for CropAndResize and Proposal, which have no plain
#    form), which saves the engine's outputs. NMS:1 rows are expected to FAIL there: the engine's keep count is int32
#    bits in a float output (nmsPlugin.cpp), the plain one a number; the stub rows fail by design; fp16 rows may fail
#    against the plain model's 1e-3 too.
# 3. Every saved output against the Java reference computed from the plugin's definition (uff-plugins/compare.tsv,
#    NAME-ref/*.npy; PluginGraphReferences), image by image: fp32 boxes and scores within 1e-3, image ids, labels,
#    classes and keep counts exactly (counts decoded from their int32 bits); crops and proposals within 1e-3. fp16: per
#    image the detections as a set, each within 2e-2 in score and box of a reference detection of its label; a reference
#    detection may be missing, or an extra one present, only where the reference lists it in NAME-ref/fp16-fragile.npy
#    (a decision within 2e-3 of a score threshold, cut or competing score, or 2e-2 of the IoU threshold).
# 4. The document's tao-converter command shape on the SSD graph wrapped in an .etlt. Table: $OUT/uff-plugins.md.
# Off the GPU, step 3 alone on saved outputs (WORK holds NAME-saved/candidate/*.npy and NAME-fp16-saved/candidate/*.npy):
#   COMPARE_ONLY=1 bash gpu/uff-plugins.sh SRC WORK
set -uo pipefail

# compare_with_references SRC WORK: one table row per output (fp32) and per NMS graph (fp16), PASS or FAIL per image
compare_with_references() {
python3 - "$1" "$2" <<'PY'
import os, sys
import numpy as np
src, work = sys.argv[1], sys.argv[2]
TOL = 1e-3  # float32 engine against float64-accumulated Java, NMS_TRT's sizes in half (PluginOutputCheck.TOLERANCE)
FP16_TOL = 2e-2  # PluginGraphReferences.FP16_TOLERANCE

def count(a):
    # NMS_TRT's keep count is FLOAT holding int32 bits (3 reads as 4.2e-45); BatchedNMS's is INT32; plain ones numbers
    a = a.reshape(-1)
    if a.dtype == np.float32:
        return np.where(a == np.rint(a), a.astype(np.float64), a.view(np.int32).astype(np.float64))
    return a.astype(np.float64)

def per_image(kind, got, ref):
    """(verdict, detail) of one image's values by the output's kind."""
    exact = np.ones(ref.size, bool) if kind in ('exact', 'count') else np.zeros(ref.size, bool)
    if kind == 'nms_rows':
        exact = (np.arange(ref.size) % 7) < 2  # image id and label
    mismatches = int(np.count_nonzero(got[exact] != ref[exact]))
    err = float(np.abs(got[~exact] - ref[~exact]).max()) if (~exact).any() else 0.0
    ok = mismatches == 0 and err <= TOL  # a NaN error fails
    detail = f'{mismatches} exact mismatches, max abs err {err:.3g}'
    if kind == 'count' and not ok:
        detail = f'engine {got.astype(int).tolist()}, reference {ref.astype(int).tolist()}'
    return ok, detail

def saved(graph, name):
    path = os.path.join(work, graph, 'candidate', name)
    return np.load(path) if os.path.exists(path) else None

kept = dict(line.rstrip('\n').split('\t') for line in open(os.path.join(src, 'kept.tsv')))
outputs = {}
for line in open(os.path.join(src, 'compare.tsv')):
    graph, output, name, kind = line.rstrip('\n').split('\t')
    outputs.setdefault(graph, []).append((output, name, kind))
    step = f'fp32 {output} vs Java reference ({kind})' + (f', kept {kept[graph]}' if kind == 'count' else '')
    ref = np.load(os.path.join(src, graph + '-ref', name)).astype(np.float64)
    raw = saved(graph + '-saved', name)
    if raw is None:
        print(f'| {graph} | {step} | - | - | FAIL: engine output not saved (did the build or check fail?) |'); continue
    if raw.size != ref.size or raw.shape[0] != ref.shape[0]:
        print(f'| {graph} | {step} | - | - | FAIL: engine gives {raw.shape} {raw.dtype}, reference {ref.shape} |'); continue
    images = []
    for n in range(ref.shape[0]):
        got = count(raw[n]) if kind == 'count' else raw[n].astype(np.float64).reshape(-1)
        ok, detail = per_image(kind, got, ref[n].reshape(-1))
        images.append((ok, f'image {n} {"PASS" if ok else "FAIL"} ({detail})'))
    verdict = 'PASS' if all(ok for ok, _ in images) else 'FAIL'
    print(f'| {graph} | {step} | - | - | {verdict}: {"; ".join(d for _, d in images)} |')

def detections(graph, load):
    """Per image the list of (label, score, box) an NMS output set holds, or an error text."""
    names = {o: n for o, n, _ in outputs[graph]}
    if 'NMS' in names:  # NMS_TRT: rows (image, label, score, 4 corners) and a keep count
        rows, cnt = load(names['NMS']), load(names['NMS:1'])
        if rows is None or cnt is None:
            return 'engine output not saved'
        rows = rows.reshape(rows.shape[0], -1, 7).astype(np.float64); cnt = count(cnt)
        dets = [[(int(r[1]), r[2], r[3:7]) for r in rows[n] if r[1] >= 0] for n in range(rows.shape[0])]
    else:  # BatchedNMS_TRT: count, boxes, scores, classes
        parts = [load(names[f'BatchedNMS{s}']) for s in ('', ':1', ':2', ':3')]
        if any(p is None for p in parts):
            return 'engine output not saved'
        cnt, boxes, scores, classes = count(parts[0]), parts[1].astype(np.float64), parts[2].astype(np.float64), parts[3]
        dets = [[(int(classes[n, i]), scores[n, i], boxes[n, i]) for i in range(classes.shape[1]) if classes[n, i] >= 0]
                for n in range(classes.shape[0])]
    for n, d in enumerate(dets):
        if len(d) != int(cnt[n]):
            return f'image {n}: count {int(cnt[n])} but {len(d)} labelled rows'
    return dets

def close(a, b):
    return a[0] == b[0] and abs(a[1] - b[1]) <= FP16_TOL and np.abs(a[2] - b[2]).max() <= FP16_TOL

for graph in outputs:
    fragile_path = os.path.join(src, graph + '-ref', 'fp16-fragile.npy')
    if not os.path.exists(fragile_path):
        continue  # not an NMS graph
    step = 'fp16 detections vs Java reference (sets; only fp16-fragile ones may differ)'
    ref = detections(graph, lambda name: np.load(os.path.join(src, graph + '-ref', name)))
    eng = detections(graph, lambda name: saved(graph + '-fp16-saved', name))
    if isinstance(eng, str):
        print(f'| {graph} | {step} | - | - | FAIL: {eng} |'); continue
    fragile = np.load(fragile_path).astype(np.float64)
    images, all_ok = [], True
    for n in range(len(ref)):
        frag = [(int(r[1]), r[2], r[3:7]) for r in fragile if r[0] == n]
        is_frag = lambda d: any(f[0] == d[0] and abs(f[1] - d[1]) < 1e-6 and np.abs(f[2] - d[2]).max() < 1e-6 for f in frag)
        pool = [(d, is_frag(d), True) for d in ref[n]] + [(f, True, False) for f in frag if not any(
            f[0] == d[0] and abs(f[1] - d[1]) < 1e-6 and np.abs(f[2] - d[2]).max() < 1e-6 for d in ref[n])]
        used = [False] * len(pool)
        unexpected, extra, score_err, box_err = 0, 0, 0.0, 0.0
        for e in eng[n]:
            best = min((i for i, (d, _, _) in enumerate(pool) if not used[i] and close(e, d)),
                       key=lambda i: max(abs(e[1] - pool[i][0][1]), np.abs(e[2] - pool[i][0][2]).max()), default=None)
            if best is None:
                unexpected += 1; continue
            used[best] = True
            extra += 0 if pool[best][2] else 1
            score_err = max(score_err, abs(e[1] - pool[best][0][1])); box_err = max(box_err, np.abs(e[2] - pool[best][0][2]).max())
        missing = sum(1 for i, (d, f, k) in enumerate(pool) if k and not used[i] and not f)
        dropped = sum(1 for i, (d, f, k) in enumerate(pool) if k and not used[i] and f)
        ok = unexpected == 0 and missing == 0
        all_ok &= ok
        images.append(f'image {n} {"PASS" if ok else "FAIL"} (engine {len(eng[n])}, reference {len(ref[n])}, {len(frag)} fragile;'
                      f' fragile dropped {dropped}, fragile added {extra}; {missing} missing, {unexpected} unexpected;'
                      f' max score err {score_err:.2g}, box {box_err:.2g})')
    print(f'| {graph} | {step} | - | - | {"PASS" if all_ok else "FAIL"}: {"; ".join(images)} |')
PY
}

if [ -n "${COMPARE_ONLY:-}" ]; then
  compare_with_references "$1" "$2"
  exit
fi

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
nms_graphs="ssd retinanet yolov3 batchednms"
for g in $nms_graphs; do
  step $g "onnx2trt fp16" onnx2trt -m "$src/$g.onnx" -e "$work/$g-fp16.plan" --batch 1:2:4 --precision fp16 "${build[@]}"
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
  rm -rf "$work/$g-saved" "$work/$g-fp16-saved"  # never compare an earlier run's outputs
  step $g "$label" check -m "$src/$g-plain.onnx" -e "$work/$g.plan" "${args[@]}" --save-outputs "$work/$g-saved"
  case " $nms_graphs " in
    *" $g "*) step $g "fp16: check vs plain ONNX (saves engine outputs; compared with the reference below)" \
        check -m "$src/$g-plain.onnx" -e "$work/$g-fp16.plan" "${args[@]}" --save-outputs "$work/$g-fp16-saved";;
  esac
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
compare_with_references "$src" "$work" >> "$table" 2>> "$log" \
    || echo "| - | Java references | - | - | FAIL: the comparison did not run (see uff-plugins.log) |" >> "$table"
# the engines' outputs come back too (a few hundred kB), so a failed comparison can be looked into off the GPU
for d in "$work"/*-saved; do [ -d "$d/candidate" ] && mkdir -p "$out/saved/$(basename "$d")" && cp "$d"/candidate/*.npy "$out/saved/$(basename "$d")/"; done
cat "$table"
