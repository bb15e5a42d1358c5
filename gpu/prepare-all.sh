#!/usr/bin/env bash
# Fills the two folders one GPU session carries (run here, from the checkout, with ../shared beside it):
#   .gpu/app        the jar without FFmpeg, every model, image set and script the checks need
#   .gpu/app-video  the jar with FFmpeg, Yolo-Fastest and gpu/video.sh (FFmpeg alone is 27 MB: both would
#                   not fit one call's 64 MiB)
# Then, on the GPU machine (after the staged parts): bash .gpu/app/all.sh GROUP — see gpu/all.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${TRTPIPE_SHARED:-../shared}
app=.gpu/app
rm -rf "$app" .gpu/app-video
NO_VIDEO=1 gpu/prepare-app.sh > /dev/null
gpu/eval-prepare.sh > /dev/null
gpu/tao-detect-prepare.sh > /dev/null
[ -x gpu/tao-uff-prepare.sh ] && gpu/tao-uff-prepare.sh > /dev/null
java -cp cli/target/trtpipe.jar gpu/TwoInputsModel.java "$app/models/two-inputs.onnx" > /dev/null
mvn -B -ntp -q -o -pl uff test -Dtest=PluginGraphsExport -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtrtpipe.pluginGraphs="$PWD/$app/uff-plugins" > /dev/null
cp "$shared/images/dog.jpg" "$app/"
mvn -B -ntp -q -o -pl api package -DskipTests > /dev/null
cp api/target/trtpipe-api-*-SNAPSHOT.jar "$app/trtpipe-api.jar"
javac -d "$app/api-check" -cp cli/target/trtpipe.jar:"$app/trtpipe-api.jar" gpu/ApiGpuCheck.java
cp gpu/*.sh "$app/"

video=.gpu/app-video
mkdir -p "$video/models"
gpu/slim-jar.sh "$video/trtpipe.jar" > /dev/null
cp gpu/staged-env.sh gpu/video.sh gpu/all.sh "$video/"
cp "$app/models/yolo-fastest-1.1.onnx" "$app/models/coco.names" "$video/models/"
cp "$app/dog_decoded.png" "$video/"
du -sh "$app" "$video"
