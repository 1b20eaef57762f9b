package fr.regie.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The Accept header parser and the choice it makes, case by case from RFC 9110, section 12.5.1. */
class AcceptTest {
    static final List<String> OFFERED = List.of("application/ld+json", "text/turtle", "application/n-triples", "text/html");

    static Optional<String> choose(String header) {
        return Accept.parse(header).choose(OFFERED);
    }

    @Test
    void noHeaderOrAnythingTakesTheServersFirstChoice() {
        assertEquals(Optional.of("application/ld+json"), choose(null));
        assertEquals(Optional.of("application/ld+json"), choose(""));
        assertEquals(Optional.of("application/ld+json"), choose("*/*"));
    }

    @Test
    void exactTypeAndTypeWildcard() {
        assertEquals(Optional.of("text/turtle"), choose("text/turtle"));
        assertEquals(Optional.of("text/turtle"), choose("TEXT/Turtle; charset=utf-8"), "case-insensitive, other parameters ignored");
        assertEquals(Optional.of("text/turtle"), choose("text/*"), "the server's first text type");
        assertEquals(Optional.empty(), choose("image/png, application/json"));
    }

    @Test
    void qualityValuesDecide() {
        assertEquals(Optional.of("application/n-triples"), choose("text/turtle;q=0.5, application/n-triples;q=0.9"));
        assertEquals(Optional.of("text/turtle"), choose("application/ld+json;q=0.1, text/turtle"));
        assertEquals(Optional.of("text/html"), choose("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"), "a browser");
        assertEquals(Optional.of("application/ld+json"), choose("text/turtle;q=0.8, application/ld+json;q=0.8"), "on a tie, the server's order");
    }

    @Test
    void theMostSpecificRangeGivesTheQuality() {
        assertEquals(Optional.of("application/n-triples"), choose("*/*;q=0.5, application/ld+json;q=0.1, application/n-triples"));
        assertEquals(Optional.of("text/html"), choose("text/*;q=0.9, text/turtle;q=0.2"));
        assertEquals(0.2, Accept.parse("text/*;q=0.9, text/turtle;q=0.2").quality("text/turtle"));
        assertEquals(0.9, Accept.parse("text/*;q=0.9, text/turtle;q=0.2").quality("text/html"));
    }

    @Test
    void zeroRefuses() {
        assertEquals(Optional.of("text/turtle"), choose("*/*, application/ld+json;q=0"));
        assertEquals(Optional.empty(), choose("*/*;q=0"));
    }

    @Test
    void malformedRangesAreIgnored() {
        assertEquals(Optional.of("text/turtle"), choose("garbage, text/turtle, */html, a/b/c"));
        assertEquals(Optional.of("text/turtle"), choose("application/ld+json;q=abc, text/turtle"), "a bad q drops its range");
        assertEquals(Optional.of("text/turtle"), choose("application/ld+json;q=2, text/turtle;q=0.3"), "q over 1 is invalid");
        assertEquals(3, Accept.parse("text/turtle, text/*;q=0.2, */*;q=0.1").ranges().size());
    }
}
