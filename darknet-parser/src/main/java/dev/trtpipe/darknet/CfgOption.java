package dev.trtpipe.darknet;

/** A {@code key=value} line of a cfg section, whitespace already removed. */
record CfgOption(String key, String value, int line) {
}
