#!/usr/bin/env bash
# Adds what gpu/tao-detect.sh needs to .gpu/app (run after gpu/prepare-app.sh, from the checkout):
#   bash gpu/tao-detect-prepare.sh
# NVIDIA's LPDNet ONNX with its nvinfer config embedded (trtpipe tao-spec), the licence-plate photos as
# PNG (the staged Java runtime has no JPEG decoder) and the script itself.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${TRTPIPE_SHARED:-../shared}
app=.gpu/app
mkdir -p "$app/models" "$app/plates"
./trtpipe tao-spec --onnx "$shared/etlt/lpdnet_onnx/LPDNet_usa_pruned_tao5.onnx" \
    --nvinfer-config "$shared/etlt/lpdnet_onnx/sgie_lpd_DetectNet2_us.txt" --out "$app/models/lpdnet-tao.onnx"
# JPEG → PNG with the JDK's own decoder (gpu/ToPng.java, shared with the other prepare scripts)
(cd "$shared/images/plates" && java "$OLDPWD/gpu/ToPng.java" . "$OLDPWD/$app/plates" *.jpg)
cp gpu/tao-detect.sh "$app/"
ls -la "$app/models/lpdnet-tao.onnx" "$app/plates"
