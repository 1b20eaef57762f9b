package fr.regie.bench;

import java.time.Duration;

/** The figures of the R2RML benchmark on one database. */
public record DatabaseResult(String database, long rows, Duration generation, Measurement engine, Measurement baseline) {
    /** Engine throughput over baseline throughput; 1 would mean the mapping costs nothing. */
    public double ratio() {
        return engine.triplesPerSecond() / baseline.triplesPerSecond();
    }
}
