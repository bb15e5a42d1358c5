#!/usr/bin/env bash
# Fills the ignored .gpu/app/ of this checkout with what the GPU scripts need (the device tool ships the
# checkout plus carried folders, never ../shared): the slim jar, the scripts, the models converted here,
# PNG images (the staged Java runtime has no JPEG decoder) and the TAO FPENet with its calibration cache.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${TRTPIPE_SHARED:-../shared}
app=.gpu/app
mvn -B -ntp -q -pl cli -am package -DskipTests
./gpu/slim-jar.sh "$app/trtpipe.jar" >/dev/null
mkdir -p "$app/models" "$app/images"
cp gpu/staged-env.sh gpu/selftest.sh gpu/verify-trt.sh gpu/samples.sh gpu/heads.sh gpu/nms-608.sh gpu/instances.sh bench/detect-gpu.sh "$app/"
jar="java -jar cli/target/trtpipe.jar"
$jar darknet2onnx --cfg models/yolo-fastest-1.1/yolo-fastest-1.1.cfg --weights models/yolo-fastest-1.1/yolo-fastest-1.1.weights \
    -o "$app/models/yolo-fastest-1.1.onnx" >/dev/null
for m in yolov3-tiny yolov4-tiny; do
  $jar darknet2onnx --cfg "$shared/ref/mini/$m/model.cfg" --weights "$shared/ref/mini/$m/model.weights" -o "$app/models/$m-mini.onnx" >/dev/null
done
$jar etlt2onnx -k nvidia_tlt "$shared/etlt/faciallandmarks.etlt" -o "$app/models/fpenet.onnx" >/dev/null
cp models/yolo-fastest-1.1/* "$app/"; cp models/yolo-fastest-1.1/coco.names "$app/models/"
cp "$shared/models/darknet/cfg/pjreddie/yolov3.cfg" "$shared/etlt/faciallandmarks.etlt" "$shared/etlt/fpenet_cal.txt" "$app/"
cp "$shared"/images/*_decoded.png "$app/images/"
cp "$app/images/dog_decoded.png" "$app/"
du -sh "$app"; ls "$app" "$app/models"
