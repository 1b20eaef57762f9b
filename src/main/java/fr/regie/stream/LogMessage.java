package fr.regie.stream;

import java.time.Instant;
import java.util.Map;

/**
 * One message of the log: its subject (a dataset's, or the registry's), the id the log
 * deduplicates on, headers (ASCII names and values), its body, and, once stored, its position
 * (the log's sequence number, from 1, ordered across all subjects) and when the log stored it.
 * A message not yet published has position 0 and no time.
 */
public record LogMessage(String subject, String id, Map<String, String> headers, byte[] body, long position, Instant stored) {
    public LogMessage {
        headers = Map.copyOf(headers);
    }

    /** A message to publish. */
    public static LogMessage of(String subject, String id, Map<String, String> headers, byte[] body) {
        return new LogMessage(subject, id, headers, body, 0, null);
    }

    /** A header, or null. */
    public String header(String name) {
        return headers.get(name);
    }
}
