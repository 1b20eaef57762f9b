package fr.regie.server.partner;

import java.time.Duration;

/**
 * The bounds of {@code POST /partners/{id}/check}: the largest mapping file and sample, how many
 * mapping files, how many checks run at once on the server (one per partner at most), and how
 * long one may take before the answer is 504.
 */
record CheckLimits(long mappingBytes, long sampleBytes, int mappingFiles, int concurrent, Duration timeout) {
    static final CheckLimits DEFAULT = new CheckLimits(1L << 20, 50L << 20, 16, 2, Duration.ofSeconds(60));

    /** The largest request: every part at its largest, and room for the form's own bytes. */
    long requestBytes() {
        return sampleBytes + mappingFiles * mappingBytes + 64 * 1024;
    }
}
