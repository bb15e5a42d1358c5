#!/usr/bin/env bash
# Run here (not on the GPU machine), after gpu/prepare-app.sh: adds what gpu/eval.sh needs to .gpu/app/eval/ —
# the script itself, the hand-labelled set's 8 images as PNG (same names, .png) and its instances.json
# pointing at them.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${TRTPIPE_SHARED:-../shared}
dst=.gpu/app/eval
set_json=eval/src/test/resources/handlabelled/instances.json
mkdir -p "$dst"
files=$(python3 -c "import json,sys; print(' '.join(i['file_name'] for i in json.load(open(sys.argv[1]))['images']))" "$set_json")
java gpu/ToPng.java "$shared/images" "$dst/images" $files
sed -E 's/"file_name": "([^"]*)\.jpg"/"file_name": "\1.png"/' "$set_json" > "$dst/instances.json"
cp gpu/eval.sh .gpu/app/
ls -R "$dst" | head -20
