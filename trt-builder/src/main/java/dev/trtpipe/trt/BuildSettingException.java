package dev.trtpipe.trt;

/**
 * A {@link BuildOptions} setting that cannot work on this model or host. The message states the fact and names
 * the setting in the library's words, never a command-line flag: a command line adds its own flag through
 * {@link #setting()}.
 */
public final class BuildSettingException extends IllegalArgumentException {

    /** The setting at fault. */
    public enum Setting {
        /** {@link BuildOptions#pluginLibraries()}. */
        PLUGIN_LIBRARY,
        /** {@link BuildOptions#calibrationImages()}. */
        CALIBRATION_IMAGES,
        /** {@link BuildOptions#dlaCore()}. */
        DLA_CORE
    }

    private final Setting setting;

    public BuildSettingException(Setting setting, String fact) {
        super(fact);
        this.setting = setting;
    }

    public Setting setting() {
        return setting;
    }
}
