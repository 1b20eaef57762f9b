package fr.regie.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;

import fr.regie.territory.ReusedNamespaces;
import fr.regie.territory.Vocab;

/**
 * The ontology as served: Régie's own ({@code ontology/regie.ttl}, from the class path) merged with
 * every vocabulary file the registry declares ({@code regie:vocabulary} on a dataset), each checked
 * ({@link VocabularyFile}) and against the others: a term is declared once, a partner's namespace
 * belongs to one file, a range, a super-class or a weighting property must be declared. It gives
 * the merged graph, labels by language, which terms are declared, the terms a graph uses that
 * nothing declares, and the datatype shapes of the partners' properties. Immutable.
 */
public final class Vocabularies {
    /** Where Régie's ontology is on the class path, and how errors name it. */
    public static final String ONTOLOGY = "ontology/regie.ttl";

    private final Graph merged;
    private final List<Triple> triples;
    /** Every declared term, Régie's and the partners', by IRI. */
    private final Map<Node, VocabularyTerm> terms;
    /** The partners' terms, by the vocabulary file (as given) that declares them. */
    private final Map<Path, List<VocabularyTerm>> byFile;
    private final Map<String, Map<String, String>> labelsByLang = new HashMap<>();
    /** The prefix each partner namespace's vocabulary file gives it. */
    private final Map<String, String> prefixes;

    private Vocabularies(Graph merged, Map<Node, VocabularyTerm> terms, Map<Path, List<VocabularyTerm>> byFile,
                         Map<String, String> prefixes) {
        this.merged = merged;
        this.prefixes = Map.copyOf(prefixes);
        this.triples = List.copyOf(merged.find().toList());
        this.terms = Map.copyOf(terms);
        this.byFile = Map.copyOf(byFile);
        merged.find(Node.ANY, RDFS.label.asNode(), Node.ANY).forEach(t -> {
            if (t.getSubject().isURI() && t.getObject().isLiteral()) {
                labelsByLang.computeIfAbsent(t.getObject().getLiteralLanguage().toLowerCase(java.util.Locale.ROOT), k -> new HashMap<>())
                        .putIfAbsent(t.getSubject().getURI(), t.getObject().getLiteralLexicalForm());
            }
        });
    }

    /** Régie's ontology alone. */
    public static Vocabularies regie() {
        return read(List.of());
    }

    /** Régie's ontology and every vocabulary file the registry's datasets declare (each file once). */
    public static Vocabularies of(Registry registry) {
        Set<Path> seen = new HashSet<>();
        List<Path> files = new ArrayList<>();
        for (DatasetSpec d : registry.datasets()) {
            for (Path p : d.vocabularies()) {
                if (seen.add(p.toAbsolutePath().normalize())) {
                    files.add(p);
                }
            }
        }
        return read(files);
    }

    /**
     * Régie's ontology and these vocabulary files, checked in this order.
     *
     * @throws RegistryException the first problem, with the file and line (and the other file, for a clash)
     */
    public static Vocabularies read(List<Path> files) {
        VocabularyFile regie = ontologyFile();
        Graph merged = GraphFactory.createDefaultGraph();
        regie.graph().find().forEach(merged::add);
        Map<Node, VocabularyTerm> terms = new LinkedHashMap<>();
        regie.terms().forEach(t -> terms.put(t.iri(), t));
        Map<String, String> namespaceOwners = new HashMap<>();
        Map<Path, List<VocabularyTerm>> byFile = new LinkedHashMap<>();
        Map<String, String> prefixes = new HashMap<>();
        for (Path f : files) {
            VocabularyFile v = VocabularyFile.read(f, f.toString());
            for (VocabularyTerm t : v.terms()) {
                VocabularyTerm before = terms.get(t.iri());
                if (before != null) {
                    throw new RegistryException(t.position(), VocabularyFile.name(t.iri()) + " is already declared by "
                            + before.position() + ": a vocabulary may not redefine a term of Régie's ontology or of another vocabulary");
                }
                String iri = t.iri().getURI();
                Optional<ReusedNamespaces.Namespace> reused = ReusedNamespaces.of(iri);
                if (reused.isPresent()) {
                    throw new RegistryException(t.position(), VocabularyFile.name(t.iri()) + " is in " + reused.get().prefix()
                            + ": (" + reused.get().iri() + "), a vocabulary Régie reuses: declare terms in your own namespace or in regie:");
                }
                String ns = namespace(iri);
                if (!ns.equals(Vocab.REGIE)) {
                    String owner = namespaceOwners.putIfAbsent(ns, f.toString());
                    if (owner != null && !owner.equals(f.toString())) {
                        throw new RegistryException(t.position(), "the namespace <" + ns + "> of " + VocabularyFile.name(t.iri())
                                + " belongs to the vocabulary " + owner + ": one namespace, one vocabulary file");
                    }
                }
                terms.put(t.iri(), t);
            }
            byFile.put(f, v.terms());
            v.graph().getPrefixMapping().getNsPrefixMap().forEach((prefix, ns) -> {
                if (f.toString().equals(namespaceOwners.get(ns))) {
                    prefixes.putIfAbsent(ns, prefix);
                }
            });
            v.graph().find().forEach(merged::add);
        }
        for (List<VocabularyTerm> ts : byFile.values()) {
            for (VocabularyTerm t : ts) {
                crossCheck(t, terms, merged);
            }
        }
        return new Vocabularies(merged, terms, byFile, prefixes);
    }

    /** What a term refers to (its range class, super-classes, weighting property) must be declared. */
    private static void crossCheck(VocabularyTerm t, Map<Node, VocabularyTerm> terms, Graph merged) {
        Optional<Node> range = t.range();
        if (range.isPresent() && !range.get().getURI().startsWith(org.apache.jena.datatypes.xsd.XSDDatatype.XSD + "#")
                && !VocabularyFile.OTHER_DATATYPES.contains(range.get())) {
            Node r = range.get();
            VocabularyTerm c = terms.get(r);
            if (!ReusedNamespaces.contains(r) && (c == null || c.kind() != VocabularyTerm.Kind.CLASS)) {
                throw new RegistryException(t.position(), "the rdfs:range of " + VocabularyFile.name(t.iri()) + " is "
                        + VocabularyFile.name(r) + ", which is neither an XSD datatype nor a declared class");
            }
        }
        for (Node sup : merged.find(t.iri(), RDFS.subClassOf.asNode(), Node.ANY).mapWith(Triple::getObject).toList()) {
            VocabularyTerm c = sup.isURI() ? terms.get(sup) : null;
            if (!ReusedNamespaces.contains(sup) && (c == null || c.kind() != VocabularyTerm.Kind.CLASS)) {
                throw new RegistryException(t.position(), "rdfs:subClassOf of " + VocabularyFile.name(t.iri()) + " names "
                        + VocabularyFile.name(sup) + ", which no ontology or vocabulary declares as a class");
            }
        }
        if (t.weightedBy().isPresent()) {
            Node by = t.weightedBy().get();
            VocabularyTerm w = terms.get(by);
            if (w == null || !w.numeric()) {
                throw new RegistryException(t.position(), "regie:weightedBy of " + VocabularyFile.name(t.iri()) + " names "
                        + VocabularyFile.name(by) + ", which is not a declared numeric property");
            }
            if (by.equals(t.iri())) {
                throw new RegistryException(t.position(), "regie:weightedBy of " + VocabularyFile.name(t.iri()) + " names itself");
            }
        }
    }

    private static VocabularyFile ontologyFile() {
        try (InputStream in = Vocabularies.class.getClassLoader().getResourceAsStream(ONTOLOGY)) {
            if (in == null) {
                throw new IllegalStateException(ONTOLOGY + " is not on the class path");
            }
            return VocabularyFile.ontology(new InputStreamReader(in, StandardCharsets.UTF_8), ONTOLOGY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The namespace of an IRI: up to its last {@code #} or {@code /}. */
    static String namespace(String iri) {
        int cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
        return iri.substring(0, cut + 1);
    }

    /** The merged ontology (Régie's and the partners' vocabularies), read-only. */
    public Graph graph() {
        return new org.apache.jena.sparql.graph.GraphReadOnly(merged);
    }

    /** The merged ontology's triples. */
    public List<Triple> triples() {
        return triples;
    }

    /** The label of a term in a language ({@code fr}, {@code en}), else in French, else in English, else any. */
    public Optional<String> label(String iri, String lang) {
        for (String l : List.of(lang.toLowerCase(java.util.Locale.ROOT), "fr", "en")) {
            String s = labelsByLang.getOrDefault(l, Map.of()).get(iri);
            if (s != null) {
                return Optional.of(s);
            }
        }
        return labelsByLang.values().stream().map(m -> m.get(iri)).filter(java.util.Objects::nonNull).findFirst();
    }

    /**
     * Whether a term counts as declared: Régie's ontology or a vocabulary declares it, or it is in
     * a reused standard namespace ({@link ReusedNamespaces}).
     */
    public boolean declared(Node term) {
        return term.isURI() && (terms.containsKey(term) || ReusedNamespaces.contains(term));
    }

    /** The term a vocabulary or Régie's ontology declares with this IRI. */
    public Optional<VocabularyTerm> term(Node iri) {
        return Optional.ofNullable(terms.get(iri));
    }

    /** The properties and classes a graph uses (as predicates, and as objects of rdf:type) that nothing declares, sorted. */
    public List<Node> undeclared(Graph g) {
        Set<Node> used = new LinkedHashSet<>();
        g.find().forEachRemaining(t -> {
            used.add(t.getPredicate());
            if (t.getPredicate().equals(RDF.Nodes.type) && t.getObject().isURI()) {
                used.add(t.getObject());
            }
        });
        return used.stream().filter(n -> !declared(n)).sorted(Comparator.comparing(Node::getURI)).toList();
    }

    /** The prefix a partner's vocabulary file declares for its own namespace. */
    public Optional<String> prefixOf(String namespace) {
        return Optional.ofNullable(prefixes.get(namespace));
    }

    /** The terms the partners' vocabulary files declare, in file order. */
    public List<VocabularyTerm> partnerTerms() {
        return byFile.values().stream().flatMap(Collection::stream).toList();
    }

    /** The datatype shapes of every partner property with an XSD range. */
    public Graph shapes() {
        return VocabularyShapes.of(partnerTerms());
    }

    /**
     * The datatype shapes of the properties a dataset's own vocabulary files declare (its
     * {@code regie:vocabulary}), to add to its shapes at validation. Read with {@link #of(Registry)}
     * or {@link #read} including those files.
     */
    public Graph shapesFor(DatasetSpec dataset) {
        List<VocabularyTerm> own = new ArrayList<>();
        for (Path p : dataset.vocabularies()) {
            byFile.entrySet().stream().filter(e -> e.getKey().toAbsolutePath().normalize().equals(p.toAbsolutePath().normalize()))
                    .findFirst().ifPresent(e -> own.addAll(e.getValue()));
        }
        return VocabularyShapes.of(own);
    }
}
