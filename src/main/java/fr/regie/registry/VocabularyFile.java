package fr.regie.registry;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

import fr.regie.r2rml.MappingException;
import fr.regie.r2rml.Position;
import fr.regie.r2rml.TurtleWithPositions;
import fr.regie.territory.Vocab;

/**
 * One vocabulary file read and checked on its own: Turtle syntax, what each term is, its labels
 * in French and English, its range, unit and aggregation rule. What needs the other files (a term
 * declared twice, a namespace another partner owns, a class or weighting property declared
 * elsewhere) is checked by {@link Vocabularies}. The first problem is thrown, with file and line.
 */
record VocabularyFile(String source, Graph graph, TurtleWithPositions positions, List<VocabularyTerm> terms) {
    static final Node unit = regie("unit");
    static final Node aggregation = regie("aggregation");
    static final Node weightedBy = regie("weightedBy");
    static final Node nonNegative = regie("nonNegative");
    static final Node Sum = regie("Sum");
    static final Node WeightedMean = regie("WeightedMean");
    static final Node NotAggregatable = regie("NotAggregatable");
    static final Node RatioOfSums = regie("RatioOfSums");
    /** The regie: properties a vocabulary may use; any other is a typo. */
    static final Set<Node> REGIE_PROPERTIES = Set.of(unit, aggregation, weightedBy, nonNegative);
    static final Set<Node> RULES = Set.of(Sum, WeightedMean, NotAggregatable);

    static final Set<Node> CLASS_TYPES = Set.of(OWL.Class.asNode(), RDFS.Class.asNode());
    static final Set<Node> PROPERTY_TYPES = Set.of(OWL.DatatypeProperty.asNode(), OWL.ObjectProperty.asNode(),
            RDF.Property.asNode(), OWL.AnnotationProperty.asNode());
    /** Datatypes outside XSD that a range may name. */
    static final Set<Node> OTHER_DATATYPES = Set.of(RDF.langString.asNode(), RDF.HTML.asNode(), Vocab.wktLiteral);

    private static Node regie(String local) {
        return NodeFactory.createURI(Vocab.REGIE + local);
    }

    /** Reads a partner's vocabulary file; {@code source} names it in errors. */
    static VocabularyFile read(Path file, String source) {
        Graph g = GraphFactory.createDefaultGraph();
        TurtleWithPositions parsed = new TurtleWithPositions(g);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            parsed.parse(in, source, file.toAbsolutePath().toUri().toString());
        } catch (NoSuchFileException e) {
            throw new RegistryException(Position.of(source), "vocabulary file not found");
        } catch (IOException e) {
            throw new RegistryException(Position.of(source), "cannot read the vocabulary: " + e.getMessage());
        } catch (MappingException e) {
            throw new RegistryException(e.position(), e.withoutPosition());
        }
        return new Checker(source, g, parsed, true).check();
    }

    /** Reads Régie's own ontology: its terms are taken as they are (the ontology's own tests check them). */
    static VocabularyFile ontology(Reader in, String source) {
        Graph g = GraphFactory.createDefaultGraph();
        TurtleWithPositions parsed = new TurtleWithPositions(g);
        parsed.parse(in, source, "https://w3id.org/regie");
        return new Checker(source, g, parsed, false).check();
    }

    /** The checks of one file, with its graph and positions at hand. */
    private record Checker(String source, Graph g, TurtleWithPositions parsed, boolean strict) {
        VocabularyFile check() {
            List<Node> subjects = new ArrayList<>(g.find().mapWith(Triple::getSubject).filterKeep(Node::isURI).toSet());
            subjects.sort(Comparator.comparingLong((Node n) -> parsed.positionOf(n, source).line()).thenComparing(Node::getURI));
            if (strict) {
                g.find().forEach(t -> {
                    Node p = t.getPredicate();
                    if (p.isURI() && p.getURI().startsWith(Vocab.REGIE) && !REGIE_PROPERTIES.contains(p)) {
                        throw new RegistryException(parsed.positionOf(t, source), "unknown property regie:"
                                + p.getURI().substring(Vocab.REGIE.length()) + " (a vocabulary may use regie:unit,"
                                + " regie:aggregation, regie:weightedBy and regie:nonNegative)");
                    }
                });
            }
            List<VocabularyTerm> terms = new ArrayList<>();
            for (Node s : subjects) {
                Set<Node> types = g.find(s, RDF.Nodes.type, Node.ANY).mapWith(Triple::getObject).toSet();
                if (types.contains(OWL.Ontology.asNode())) {
                    continue;
                }
                boolean isClass = types.stream().anyMatch(CLASS_TYPES::contains);
                boolean isProperty = types.stream().anyMatch(PROPERTY_TYPES::contains);
                if (!strict && types.isEmpty() && !g.contains(s, RDFS.label.asNode(), Node.ANY)) {
                    continue;
                }
                if (strict && isClass && isProperty) {
                    throw error(s, RDF.Nodes.type, name(s) + " is declared both a class and a property");
                }
                if (strict && types.isEmpty()) {
                    throw error(s, name(s) + " has no rdf:type: declare it `a owl:Class`, `a owl:DatatypeProperty`"
                            + " or `a owl:ObjectProperty`");
                }
                VocabularyTerm.Kind kind = isClass ? VocabularyTerm.Kind.CLASS
                        : isProperty ? VocabularyTerm.Kind.PROPERTY : VocabularyTerm.Kind.INDIVIDUAL;
                terms.add(strict ? checked(s, kind) : asWritten(s, kind));
            }
            return new VocabularyFile(source, g, parsed, List.copyOf(terms));
        }

        private VocabularyTerm asWritten(Node s, VocabularyTerm.Kind kind) {
            return new VocabularyTerm(s, kind, any(s, RDFS.range.asNode()), any(s, unit), any(s, aggregation), any(s, weightedBy),
                    any(s, nonNegative).filter(n -> n.isLiteral() && "true".equals(n.getLiteralLexicalForm())).isPresent(),
                    parsed.positionOf(s, source));
        }

        private VocabularyTerm checked(Node s, VocabularyTerm.Kind kind) {
            if (!s.getURI().startsWith("http://") && !s.getURI().startsWith("https://")) {
                throw error(s, "a term's IRI must be an absolute http(s) IRI in your namespace, not <" + s.getURI()
                        + "> (declare a prefix: @prefix mine: <https://example.org/def/mine#>)");
            }
            labels(s);
            Optional<Node> range = one(s, RDFS.range.asNode());
            Optional<Node> agg = one(s, aggregation);
            Optional<Node> by = one(s, weightedBy);
            Optional<Node> u = one(s, unit);
            Optional<Node> nonNeg = one(s, nonNegative);
            if (kind != VocabularyTerm.Kind.PROPERTY) {
                for (Node p : List.of(RDFS.range.asNode(), aggregation, weightedBy, unit, nonNegative)) {
                    if (g.contains(s, p, Node.ANY)) {
                        throw error(s, p, shortName(p) + " is for properties, and " + name(s) + " is not one");
                    }
                }
                return new VocabularyTerm(s, kind, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false,
                        parsed.positionOf(s, source));
            }
            if (range.isEmpty()) {
                throw error(s, "the property " + name(s) + " has no rdfs:range (an XSD datatype such as xsd:integer, or a class)");
            }
            Node r = range.get();
            if (!r.isURI()) {
                throw error(s, RDFS.range.asNode(), "the rdfs:range of " + name(s) + " must be the IRI of a datatype or a class");
            }
            if (r.getURI().startsWith(XSDDatatype.XSD + "#") && TypeMapper.getInstance().getTypeByName(r.getURI()) == null) {
                throw error(s, RDFS.range.asNode(), "the rdfs:range of " + name(s) + " is not an XSD datatype: " + shortName(r));
            }
            boolean numeric = VocabularyTerm.isNumeric(r);
            if (u.isPresent() && !(u.get().isURI() || u.get().isLiteral())) {
                throw error(s, unit, "regie:unit must be a QUDT unit IRI or a literal symbol");
            }
            if (u.isPresent() && !numeric) {
                throw error(s, unit, "regie:unit is only for numeric properties, and the range of " + name(s) + " is " + shortName(r));
            }
            if (agg.isPresent() && !numeric) {
                throw error(s, aggregation, "regie:aggregation is only for numeric properties (xsd:integer, xsd:decimal…), and the range of "
                        + name(s) + " is " + shortName(r));
            }
            if (numeric && agg.isEmpty()) {
                throw error(s, "the numeric property " + name(s) + " says nothing of how it aggregates across scales: add"
                        + " regie:aggregation regie:Sum, regie:WeightedMean (with regie:weightedBy) or regie:NotAggregatable");
            }
            if (agg.isPresent() && !RULES.contains(agg.get())) {
                throw error(s, aggregation, "regie:aggregation must be regie:Sum, regie:WeightedMean or regie:NotAggregatable, not "
                        + shortName(agg.get()) + (agg.get().equals(RatioOfSums) ? " (a rule for indicators, which have two measures)" : ""));
            }
            if (agg.filter(WeightedMean::equals).isPresent() && by.isEmpty()) {
                throw error(s, aggregation, "regie:WeightedMean needs regie:weightedBy, the numeric property that weights the mean");
            }
            if (by.isPresent() && !agg.filter(WeightedMean::equals).isPresent()) {
                throw error(s, weightedBy, "regie:weightedBy goes with regie:aggregation regie:WeightedMean only");
            }
            if (by.isPresent() && !by.get().isURI()) {
                throw error(s, weightedBy, "regie:weightedBy must name a property");
            }
            boolean nn = false;
            if (nonNeg.isPresent()) {
                Node v = nonNeg.get();
                if (!v.isLiteral() || !XSDDatatype.XSDboolean.getURI().equals(v.getLiteralDatatypeURI())) {
                    throw error(s, nonNegative, "regie:nonNegative must be true or false");
                }
                if (!numeric) {
                    throw error(s, nonNegative, "regie:nonNegative is only for numeric properties");
                }
                nn = "true".equals(v.getLiteralLexicalForm()) || "1".equals(v.getLiteralLexicalForm());
            }
            return new VocabularyTerm(s, kind, range, u, agg, by, nn, parsed.positionOf(s, source));
        }

        private void labels(Node s) {
            List<Triple> ls = parsed.inWrittenOrder(s, RDFS.label.asNode(), source);
            for (String lang : List.of("fr", "en")) {
                if (ls.stream().noneMatch(t -> t.getObject().isLiteral() && t.getObject().getLiteralLanguage().equalsIgnoreCase(lang))) {
                    throw error(s, "" + name(s) + " has no rdfs:label in " + (lang.equals("fr") ? "French (\"…\"@fr)" : "English (\"…\"@en)")
                            + ": every term needs both");
                }
            }
        }

        private Optional<Node> one(Node s, Node p) {
            List<Triple> ts = parsed.inWrittenOrder(s, p, source);
            if (ts.size() > 1) {
                throw new RegistryException(parsed.positionOf(ts.get(1), source), "more than one " + shortName(p) + " on " + name(s));
            }
            return ts.stream().findFirst().map(Triple::getObject);
        }

        private Optional<Node> any(Node s, Node p) {
            return g.find(s, p, Node.ANY).nextOptional().map(Triple::getObject);
        }

        private RegistryException error(Node s, String message) {
            return new RegistryException(parsed.positionOf(s, source), message);
        }

        private RegistryException error(Node s, Node p, String message) {
            return new RegistryException(parsed.positionOf(s, p, source), message);
        }
    }

    /** A term as a reader writes it: {@code regie:x}, {@code xsd:x}, or {@code <iri>}. */
    static String name(Node n) {
        return shortName(n);
    }

    static String shortName(Node n) {
        if (!n.isURI()) {
            return n.toString();
        }
        String u = n.getURI();
        if (u.startsWith(Vocab.REGIE)) {
            return "regie:" + u.substring(Vocab.REGIE.length());
        }
        return fr.regie.territory.ReusedNamespaces.of(u).map(ns -> ns.prefix() + ":" + u.substring(ns.iri().length()))
                .orElse("<" + u + ">");
    }
}
