package dev.trtpipe.video;

import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avcodec;

/**
 * The container and codec an annotated video gets, from its file name: the name decides because the
 * atomic writer records to a temporary file whose extension says nothing. H.264 (FFmpeg's libopenh264,
 * which bytedeco's LGPL build bundles) where the container takes it, MPEG-4 part 2 otherwise.
 */
public enum VideoContainer {
    MP4("mp4", avcodec.AV_CODEC_ID_H264),
    MKV("matroska", avcodec.AV_CODEC_ID_H264),
    MOV("mov", avcodec.AV_CODEC_ID_H264),
    AVI("avi", avcodec.AV_CODEC_ID_MPEG4);

    private final String ffmpegFormat;
    private final int preferredCodec;

    VideoContainer(String ffmpegFormat, int preferredCodec) {
        this.ffmpegFormat = ffmpegFormat;
        this.preferredCodec = preferredCodec;
    }

    /** @throws IllegalArgumentException the name has none of the extensions .mp4, .mkv, .mov, .avi */
    public static VideoContainer forFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        for (VideoContainer c : values()) {
            if (c.name().toLowerCase(Locale.ROOT).equals(ext)) {
                return c;
            }
        }
        throw new IllegalArgumentException(file + ": unknown video container '" + ext + "'; name the output .mp4, .mkv, .mov or .avi");
    }

    public String ffmpegFormat() {
        return ffmpegFormat;
    }

    public int preferredCodec() {
        return preferredCodec;
    }
}
