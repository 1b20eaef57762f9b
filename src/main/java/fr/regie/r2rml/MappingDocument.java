package fr.regie.r2rml;

import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Node;

/** A checked R2RML mapping: its triples maps, in the order they appear in the source. */
public record MappingDocument(String source, List<TriplesMap> triplesMaps) {
    public MappingDocument {
        triplesMaps = List.copyOf(triplesMaps);
    }

    /** The triples map with this identifier. */
    public Optional<TriplesMap> find(Node id) {
        return triplesMaps.stream().filter(tm -> tm.id().equals(id)).findFirst();
    }
}
