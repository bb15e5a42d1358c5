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
# JPEG → PNG with the JDK's own decoder (java runs a single source file)
conv=$(mktemp -d)/ToPng.java
cat > "$conv" <<'JAVA'
import java.io.File;
import javax.imageio.ImageIO;
public class ToPng {
    public static void main(String[] a) throws Exception {
        for (int i = 1; i < a.length; i++) {
            File in = new File(a[i]);
            String name = in.getName().replaceAll("\\.jpe?g$", ".png");
            ImageIO.write(ImageIO.read(in), "png", new File(a[0], name));
        }
    }
}
JAVA
java "$conv" "$app/plates" "$shared"/images/plates/*.jpg
cp gpu/tao-detect.sh "$app/"
ls -la "$app/models/lpdnet-tao.onnx" "$app/plates"
