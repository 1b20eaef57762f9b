package fr.regie.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

/**
 * What a check of one dataset found, without changing anything live: errors in the mapping or
 * the source (each {@code file:line: message}), rows read and triples made, how records were
 * placed (by a code of today, through the COG history, by a point) and those that were not, the
 * SHACL verdict on the graph as a refresh would leave it, the terms no ontology declares, and the
 * difference a refresh would apply to the live graph (with removed triples as examples). {@code ok}
 * is true when a refresh with this mapping would be accepted.
 */
public record CheckReport(String dataset, Instant at, Duration took, boolean ok, List<String> errors, long rows, long triples,
                          long linkedDirect, long linkedThroughHistory, long linkedByGeometry, long notPlaced,
                          List<String> notPlacedRecords, boolean conforms, long violations, long warnings,
                          List<String> shaclExamples, List<String> undeclaredTerms, long added, long removed, long unchanged,
                          List<String> removedExamples, Map<String, String> sourceNotes) {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(times())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** Times as ISO 8601 text (an instant; a duration in milliseconds as "PT1.234S"). */
    private static SimpleModule times() {
        SimpleModule m = new SimpleModule("times");
        m.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(v.toString());
            }
        });
        m.addSerializer(Duration.class, new JsonSerializer<>() {
            @Override
            public void serialize(Duration v, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(Duration.ofMillis(v.toMillis()).toString());
            }
        });
        m.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return Instant.parse(p.getValueAsString());
            }
        });
        m.addDeserializer(Duration.class, new JsonDeserializer<>() {
            @Override
            public Duration deserialize(JsonParser p, DeserializationContext c) throws IOException {
                return Duration.parse(p.getValueAsString());
            }
        });
        return m;
    }

    public CheckReport {
        errors = List.copyOf(errors);
        notPlacedRecords = List.copyOf(notPlacedRecords);
        shaclExamples = List.copyOf(shaclExamples);
        undeclaredTerms = List.copyOf(undeclaredTerms);
        removedExamples = List.copyOf(removedExamples);
        // In the order they were noted: what was read first, then the time and the live version.
        sourceNotes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sourceNotes));
    }

    /** A check that could not map anything: only its errors. */
    static CheckReport failed(String dataset, Instant at, List<String> errors, Map<String, String> notes) {
        return new CheckReport(dataset, at, Duration.between(at, Instant.now()), false, errors, 0, 0, 0, 0, 0, 0, List.of(), false, 0, 0,
                List.of(), List.of(), 0, 0, 0, List.of(), notes);
    }

    /** Records placed in a commune, all ways together. */
    @JsonIgnore
    public long linked() {
        return linkedDirect + linkedThroughHistory + linkedByGeometry;
    }

    /** The report as one JSON object, with the field names above. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a check report always writes as JSON", e);
        }
    }

    /** Reads a report {@link #toJson} wrote. */
    public static CheckReport fromJson(String json) {
        try {
            return JSON.readValue(json, CheckReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a check report: " + e.getMessage(), e);
        }
    }
}
