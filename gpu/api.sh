#!/usr/bin/env bash
# The Java API (trtpipe-api) on the GPU machine after staging (../shared/gpu/README.md):
#   bash .gpu/app/api.sh
# Needs in .gpu/app what gpu/prepare-app.sh puts there (trtpipe.jar, staged-env.sh, models/yolo-fastest-1.1.onnx,
# models/coco.names, images/dog_decoded.png), plus this script, the API jar and the compiled check:
#   mvn -B -ntp -q -pl api -am package -DskipTests
#   cp gpu/api.sh .gpu/app/ && cp api/target/trtpipe-api-0.1.0-SNAPSHOT.jar .gpu/app/trtpipe-api.jar
#   javac -d .gpu/app/api-check -cp cli/target/trtpipe.jar:api/target/trtpipe-api-0.1.0-SNAPSHOT.jar gpu/ApiGpuCheck.java
# One FP16 build at optimization level 0 with a timing cache (well under a minute), then one detection per backend.
set -uo pipefail
. "${APP:-.gpu/app}/staged-env.sh" /tmp/api
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader
timeout "${LIMIT:-240}" /opt/trt-java/jre/bin/java -Djava.awt.headless=true -Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp \
    -cp "$app/trtpipe.jar:$app/trtpipe-api.jar:$app/api-check" ApiGpuCheck "$app" "$work" 2>&1 | tee "$out/api.md"
echo "(exit ${PIPESTATUS[0]})"
