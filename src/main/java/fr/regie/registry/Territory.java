package fr.regie.registry;

import org.apache.jena.graph.Node;

/** The territory a registry serves: its name, base IRI, and the dataset holding its reference. */
public record Territory(Node iri, String name, String baseIri, String referenceDataset) {}
