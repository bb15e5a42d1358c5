package dev.trtpipe.tools.bench;

/** {@code images} processed in {@code seconds} of wall-clock time. */
record Throughput(long images, double seconds) {

    Throughput {
        if (images <= 0 || seconds <= 0) {
            throw new IllegalArgumentException("a throughput needs images and time, got " + images + " in " + seconds + " s");
        }
    }

    double imagesPerSecond() {
        return images / seconds;
    }

    double millisPerImage() {
        return 1000 * seconds / images;
    }

    /** This throughput as a fraction of {@code baseline}'s. */
    double relativeTo(Throughput baseline) {
        return imagesPerSecond() / baseline.imagesPerSecond();
    }
}
