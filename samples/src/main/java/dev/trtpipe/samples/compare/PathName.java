package dev.trtpipe.samples.compare;

/** The two paths compared. */
enum PathName {
    RAW("raw"),
    TAO("TAO");

    private final String label;

    PathName(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
