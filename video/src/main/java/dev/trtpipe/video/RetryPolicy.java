package dev.trtpipe.video;

import java.time.Duration;

/**
 * How often and how patiently a lost live stream is reopened: {@code retries} attempts, waiting
 * {@code firstBackoff}, then twice as long each time up to {@code maxBackoff} (a camera rebooting or an
 * RTSP server restarting takes seconds; hammering it every millisecond helps neither).
 */
public record RetryPolicy(int retries, Duration firstBackoff, Duration maxBackoff) {

    public static final int DEFAULT_RETRIES = 5;

    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
        if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= firstBackoff <= maxBackoff, got " + firstBackoff + ", " + maxBackoff);
        }
    }

    public static RetryPolicy of(int retries) {
        return new RetryPolicy(retries, Duration.ofMillis(500), Duration.ofSeconds(8));
    }

    /** The wait before attempt {@code attempt} (1-based). */
    public Duration backoff(int attempt) {
        Duration d = firstBackoff;
        for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
