package fr.regie.server.http;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Conditional requests (RFC 9110, section 13): whether the client's copy is still current, from
 * {@code If-None-Match} (weak comparison: {@code W/"x"} matches {@code "x"}, and {@code *}
 * matches anything) and, only without it, {@code If-Modified-Since}. The one parser of these
 * headers; each endpoint computes its own entity tag and date.
 */
public final class Conditional {
    /** The date format of HTTP headers ({@code Last-Modified}, {@code If-Modified-Since}). */
    public static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(java.time.ZoneOffset.UTC);

    private Conditional() {}

    /** Whether an {@code If-None-Match} value names this entity tag (quoted), or is {@code *}. */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String part : ifNoneMatch.split(",")) {
            String t = part.strip();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the request's copy is current: {@code If-None-Match} names the tag; without that
     * header, {@code If-Modified-Since} is no earlier than the last modification (to the second).
     */
    public static boolean notModified(HttpServletRequest req, String etag, Optional<Instant> lastModified) {
        String inm = req.getHeader("If-None-Match");
        if (inm != null) {
            return matches(inm, etag);
        }
        String ims = req.getHeader("If-Modified-Since");
        if (ims == null || lastModified.isEmpty()) {
            return false;
        }
        try {
            Instant since = ZonedDateTime.parse(ims.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return !lastModified.get().truncatedTo(ChronoUnit.SECONDS).isAfter(since);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
