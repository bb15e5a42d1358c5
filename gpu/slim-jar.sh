#!/usr/bin/env bash
# Copies cli/target/trtpipe.jar to $1 (default .gpu/app/trtpipe.jar) without what an x86-64 Linux GPU run
# never loads, so the jar fits the GPU machine's 64 MiB transfer: ONNX Runtime natives for other
# platforms and the CUDA JNI glue of libraries TensorRT does not use (NPP, cuSOLVER, cuSPARSE, ...).
# TensorRT needs the cudart, cublas, cudnn and nvrtc glue: those stay.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.gpu/app/trtpipe.jar}
mkdir -p "$(dirname "$out")"
cp cli/target/trtpipe.jar "$out"
zip -q -d "$out" 'ai/onnxruntime/native/osx-*' 'ai/onnxruntime/native/win-*' 'ai/onnxruntime/native/linux-aarch64/*' \
    'org/bytedeco/cuda/linux-x86_64/libjninpp*' 'org/bytedeco/cuda/linux-x86_64/libjnicusolver*' \
    'org/bytedeco/cuda/linux-x86_64/libjnicusparse*' 'org/bytedeco/cuda/linux-x86_64/libjninvml*' \
    'org/bytedeco/cuda/linux-x86_64/libjnicupti*' 'org/bytedeco/cuda/linux-x86_64/libjninvcomp*' \
    'org/bytedeco/cuda/linux-x86_64/libjninvblas*' 'org/bytedeco/cuda/linux-x86_64/libjninvjpeg*' \
    'org/bytedeco/cuda/linux-x86_64/libjnicufft*' 'org/bytedeco/cuda/linux-x86_64/libjnicurand*' || true
ls -l "$out"
