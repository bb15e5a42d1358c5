package dev.trtpipe.trt;

import dev.trtpipe.detect.SettingNote;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What an engine build produced.
 *
 * @param plan                  the serialized engine
 * @param sidecar               its {@link EngineMetadata} JSON
 * @param planBytes             plan size
 * @param buildSeconds          wall time from parsing to the written plan
 * @param calibrationBatches    batches TensorRT calibrated on (0: none, or taken from the cache)
 * @param calibrationCacheWritten the cache file written after calibrating
 * @param timingCacheLoaded     whether an existing timing cache was loaded (a warm build)
 * @param timingCacheSaved      the timing cache file written after the build
 * @param notes                 notes for the user (TensorRT warnings included), an ignored setting named as a
 *                              {@link SettingNote} placeholder
 */
public record BuildReport(Path plan, Path sidecar, long planBytes, double buildSeconds, EngineMetadata metadata,
                          int calibrationBatches, Optional<Path> calibrationCacheWritten, boolean timingCacheLoaded,
                          Optional<Path> timingCacheSaved, List<SettingNote> notes) {

    public BuildReport {
        notes = List.copyOf(notes);
    }

    /** The notes in the library's words. */
    public List<String> warnings() {
        return SettingNote.messages(notes);
    }
}
