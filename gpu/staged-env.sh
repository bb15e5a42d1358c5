# Sourced by the scripts that run on the GPU machine once TensorRT is staged (../shared/gpu/README.md):
#   . "${APP:-.gpu/app}/staged-env.sh" WORK_DIR
# Sets app (the prepared folder: slim jar, models, images), out ($OUT, what comes back) and work (scratch,
# WORK_DIR), unpacks the staged Java runtime and TensorRT once, and defines
#   staged_trtpipe ARGS   the trtpipe CLI on them, stopped after $LIMIT seconds (default 240).
app=${APP:-.gpu/app}
out=${OUT:-/tmp/out}
work=$1
mkdir -p "$out" "$work"
[ -d /opt/trt-java ] || bash /opt/stage/bin/unpack
export LD_LIBRARY_PATH=/opt/trt-java/trt:/usr/local/cuda/lib64
staged_trtpipe() {
  timeout "${LIMIT:-240}" /opt/trt-java/jre/bin/java -Djava.awt.headless=true -Dorg.bytedeco.javacpp.cachedir=/tmp/javacpp \
      -jar "$app/trtpipe.jar" "$@"
}
# the CLI's progress ticker, which rewrites one line with \r, as plain lines without the ticks
without_progress() { tr '\r' '\n' | grep -v '\.\.\. [0-9]*s *$'; }
