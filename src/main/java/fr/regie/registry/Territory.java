package fr.regie.registry;

import java.nio.file.Path;
import java.util.Optional;

import org.apache.jena.graph.Node;

/**
 * The territory a registry serves: its name, base IRI, the dataset holding its reference, and
 * where its map indicators and REST taps are declared when not beside the registry
 * ({@code regie:indicators}, {@code regie:taps}: a territory may share another's).
 */
public record Territory(Node iri, String name, String baseIri, String referenceDataset, Optional<Path> indicators,
                        Optional<Path> taps) {
    /** A territory whose indicators and taps lie beside its registry. */
    public Territory(Node iri, String name, String baseIri, String referenceDataset) {
        this(iri, name, baseIri, referenceDataset, Optional.empty(), Optional.empty());
    }
}
