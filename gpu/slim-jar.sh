#!/usr/bin/env bash
# Copies cli/target/trtpipe.jar to $1 (default .gpu/app/trtpipe.jar) without what an x86-64 Linux GPU run
# never loads, so the jar fits the GPU machine's 64 MiB transfer: ONNX Runtime natives for other
# platforms and the CUDA JNI glue of libraries TensorRT does not use (NPP, cuSOLVER, cuSPARSE, ...).
# TensorRT needs the cudart, cublas, cudnn and nvrtc glue: those stay.
# Video (detect --video, bench-video): FFmpeg's linux-x86_64 natives are 26.8 MB of the jar (68 MB
# unpacked). Kept by default, less what JavaCV's grabber and recorder never load (libavfilter, the
# ffmpeg/ffprobe programs: 3.6 MB) and any other platform's natives: a 49.9 MB jar. NO_VIDEO=1 drops all
# of FFmpeg's natives: 26.7 MB, and --video then answers in one line that the jar lacks them.
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
if [ "${NO_VIDEO:-0}" = 1 ]; then
  zip -q -d "$out" 'org/bytedeco/ffmpeg/linux-*' 'org/bytedeco/ffmpeg/macosx-*' 'org/bytedeco/ffmpeg/windows-*' \
      'META-INF/native-image/*/jniav*' 'META-INF/native-image/*/jnisw*' || true
else
  zip -q -d "$out" 'org/bytedeco/ffmpeg/linux-x86_64/libavfilter*' 'org/bytedeco/ffmpeg/linux-x86_64/libjniavfilter*' \
      'org/bytedeco/ffmpeg/linux-x86_64/ffmpeg' 'org/bytedeco/ffmpeg/linux-x86_64/ffprobe' \
      'org/bytedeco/ffmpeg/linux-arm64/*' 'org/bytedeco/ffmpeg/macosx-*' 'org/bytedeco/ffmpeg/windows-*' || true
fi
ls -l "$out"
