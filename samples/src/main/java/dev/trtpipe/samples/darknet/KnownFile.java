package dev.trtpipe.samples.darknet;

/**
 * A published file trtpipe can recognise by its SHA-256.
 *
 * @param description what it is, for messages ({@code pjreddie's published yolov3.weights})
 * @param source      where it is published
 */
public record KnownFile(String description, String sha256, String source) {
}
