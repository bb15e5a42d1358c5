#!/usr/bin/env bash
# Adds what gpu/tao-uff.sh needs to .gpu/app (run after gpu/prepare-app.sh, from the checkout, ../shared beside it):
#   bash gpu/tao-uff-prepare.sh
# NGC's UFF LPDNet (usa_pruned.etlt), its TensorRT 7 INT8 cache, the LPDNet nvinfer config, the UFF → ONNX
# translation with that config embedded (the reference for trtpipe check, and ONNX Runtime's detect row), the
# licence-plate photos as PNG (the staged Java runtime has no JPEG decoder) and the script itself.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${TRTPIPE_SHARED:-../shared}
app=.gpu/app
mkdir -p "$app/lpd" "$app/models" "$app/plates"
install -m 644 "$shared/etlt/usa_pruned.etlt" "$shared/etlt/usa_lpd_cal.bin" "$shared/etlt/lpdnet_onnx/sgie_lpd_DetectNet2_us.txt" \
    "$shared/etlt/lpdnet_onnx/usa_lpd_label.txt" "$app/lpd/"
./trtpipe etlt2onnx -k nvidia_tlt "$shared/etlt/usa_pruned.etlt" -o "$app/models/usa-pruned.onnx" \
    --nvinfer-config "$shared/etlt/lpdnet_onnx/sgie_lpd_DetectNet2_us.txt"
(cd "$shared/images" && java "$OLDPWD/gpu/ToPng.java" . "$OLDPWD/$app" plates/*.jpg)
# the plate photos as LPDNet's input tensor: check on real images, not only on noise
java gpu/PlateTensor.java "$app/lpd/plates.npy" 640 480 "$shared"/images/plates/*.jpg
cp gpu/tao-uff.sh "$app/"
ls -la "$app/lpd" "$app/models/usa-pruned.onnx" "$app/plates"
