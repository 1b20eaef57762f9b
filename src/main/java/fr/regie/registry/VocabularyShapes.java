package fr.regie.registry;

import java.util.Collection;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

/**
 * SHACL shapes generated from a vocabulary, so that a partner's declared datatype is enforced by
 * the gate without a hand-written shape: for each property with an XSD range, every subject that
 * uses it ({@code sh:targetSubjectsOf}) must give values of that datatype, and not below 0 when
 * the vocabulary says {@code regie:nonNegative true}. A property whose range is a class gets
 * {@code sh:nodeKind sh:BlankNodeOrIRI} (a resource, not a literal); its class is not required, as
 * the linked record may live in another dataset's graph.
 */
final class VocabularyShapes {
    private static final String SH = "http://www.w3.org/ns/shacl#";
    private static final Node NodeShape = sh("NodeShape");
    private static final Node targetSubjectsOf = sh("targetSubjectsOf");
    private static final Node property = sh("property");
    private static final Node path = sh("path");
    private static final Node datatype = sh("datatype");
    private static final Node minInclusive = sh("minInclusive");
    private static final Node nodeKind = sh("nodeKind");
    private static final Node message = sh("message");

    private VocabularyShapes() {}

    private static Node sh(String local) {
        return NodeFactory.createURI(SH + local);
    }

    /** The shapes of these terms (classes and individuals give none). */
    static Graph of(Collection<VocabularyTerm> terms) {
        Graph g = GraphFactory.createDefaultGraph();
        for (VocabularyTerm t : terms) {
            if (t.kind() != VocabularyTerm.Kind.PROPERTY || t.range().isEmpty()) {
                continue;
            }
            Node range = t.range().get();
            boolean literal = t.xsdRange() || VocabularyFile.OTHER_DATATYPES.contains(range);
            Node shape = NodeFactory.createURI("urn:regie:vocabulary-shape:" + t.iri().getURI());
            Node ps = NodeFactory.createBlankNode();
            g.add(Triple.create(shape, RDF.Nodes.type, NodeShape));
            g.add(Triple.create(shape, RDFS.comment.asNode(), NodeFactory.createLiteralString(
                    "Generated from " + t.position() + " (regie:vocabulary)")));
            g.add(Triple.create(shape, targetSubjectsOf, t.iri()));
            g.add(Triple.create(shape, property, ps));
            g.add(Triple.create(ps, path, t.iri()));
            if (literal) {
                g.add(Triple.create(ps, datatype, range));
                g.add(Triple.create(ps, message, NodeFactory.createLiteralString(VocabularyFile.name(t.iri())
                        + " takes values of " + VocabularyFile.name(range) + ", as its vocabulary declares")));
            } else {
                g.add(Triple.create(ps, nodeKind, sh("BlankNodeOrIRI")));
                g.add(Triple.create(ps, message, NodeFactory.createLiteralString(VocabularyFile.name(t.iri())
                        + " links to a resource (" + VocabularyFile.name(range) + "), not a literal")));
            }
            if (t.nonNegative()) {
                g.add(Triple.create(ps, minInclusive, NodeFactory.createLiteralDT("0", XSDDatatype.XSDinteger)));
            }
        }
        return g;
    }
}
