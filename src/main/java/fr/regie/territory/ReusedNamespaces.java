package fr.regie.territory;

import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Node;

/**
 * The standard vocabularies Régie's ontology reuses, in one place. A term in one of these
 * namespaces counts as declared (Régie does not hold the whole of schema.org or DCAT to check
 * that a term exists there); a term in Régie's namespace or a partner's must be declared, by
 * ontology/regie.ttl or a vocabulary file. A partner vocabulary may not declare terms here: they
 * belong to their publishers. docs/vocabularies.md lists them too.
 */
public final class ReusedNamespaces {
    private ReusedNamespaces() {}

    /** A reused namespace: its usual prefix and IRI. */
    public record Namespace(String prefix, String iri) {}

    public static final List<Namespace> ALL = List.of(
            new Namespace("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
            new Namespace("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
            new Namespace("xsd", "http://www.w3.org/2001/XMLSchema#"),
            new Namespace("owl", "http://www.w3.org/2002/07/owl#"),
            new Namespace("skos", "http://www.w3.org/2004/02/skos/core#"),
            new Namespace("dct", "http://purl.org/dc/terms/"),
            new Namespace("dcat", "http://www.w3.org/ns/dcat#"),
            new Namespace("foaf", "http://xmlns.com/foaf/0.1/"),
            new Namespace("prov", "http://www.w3.org/ns/prov#"),
            new Namespace("dqv", "http://www.w3.org/ns/dqv#"),
            new Namespace("qb", "http://purl.org/linked-data/cube#"),
            new Namespace("vann", "http://purl.org/vocab/vann/"),
            new Namespace("sh", "http://www.w3.org/ns/shacl#"),
            new Namespace("schema", Vocab.SCHEMA),
            new Namespace("geo", Vocab.GEO),
            new Namespace("igeo", Vocab.IGEO),
            new Namespace("wgs", Vocab.WGS),
            new Namespace("gtfs", "http://vocab.gtfs.org/terms#"));

    /** The reused namespace an IRI is in, if any. */
    public static Optional<Namespace> of(String iri) {
        return ALL.stream().filter(n -> iri.startsWith(n.iri()) && iri.length() > n.iri().length()).findFirst();
    }

    /** Whether a node is an IRI in a reused namespace. */
    public static boolean contains(Node n) {
        return n.isURI() && of(n.getURI()).isPresent();
    }
}
