package dev.trtpipe.video;

import java.util.Locale;

/**
 * How RTP reaches us from an RTSP server. {@link #TCP} (the default): interleaved on the RTSP connection itself, so
 * nothing is lost (a lost UDP packet smears the picture until the next key frame) and nothing but that one connection
 * has to pass firewalls and NAT, at the price of a late frame when the network stalls. {@link #UDP}: separate RTP and
 * RTCP ports, for the few cameras and servers that offer nothing else, or for the lowest latency on a clean network.
 */
public enum RtspTransport {
    TCP, UDP;

    /** FFmpeg's {@code rtsp_transport} value. */
    String ffmpegName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException neither {@code tcp} nor {@code udp} (the message reads after the option's name) */
    public static RtspTransport parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "tcp" -> TCP;
            case "udp" -> UDP;
            default -> throw new IllegalArgumentException("must be tcp or udp, got '" + value + "'");
        };
    }
}
