package fr.regie.r2rml;

import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Node;

/**
 * A checked mapping: either R2RML triples maps over SQL logical tables, or RML triples maps over
 * logical sources (files and feeds), in the order they appear in the source. The reader never
 * gives both.
 */
public record MappingDocument(String source, List<TriplesMap> triplesMaps, List<RmlTriplesMap> rmlTriplesMaps) {
    public MappingDocument {
        triplesMaps = List.copyOf(triplesMaps);
        rmlTriplesMaps = List.copyOf(rmlTriplesMaps);
    }

    /** An R2RML mapping. */
    public MappingDocument(String source, List<TriplesMap> triplesMaps) {
        this(source, triplesMaps, List.of());
    }

    /** Whether this is an RML mapping (run it with {@link Rml}, not {@link R2rml}). */
    public boolean isRml() {
        return !rmlTriplesMaps.isEmpty();
    }

    /** The triples map with this identifier. */
    public Optional<TriplesMap> find(Node id) {
        return triplesMaps.stream().filter(tm -> tm.id().equals(id)).findFirst();
    }

    /** The RML triples map with this identifier. */
    public Optional<RmlTriplesMap> findRml(Node id) {
        return rmlTriplesMaps.stream().filter(tm -> tm.id().equals(id)).findFirst();
    }
}
