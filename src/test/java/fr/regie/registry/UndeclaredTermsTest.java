package fr.regie.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.territory.Vocab;

/**
 * {@link Vocabularies#undeclared} against a model: random graphs mix terms the generator knows to
 * be declared (Régie's terms as regie.ttl writes them, read here with a regular expression; a
 * partner's terms; any term of a reused namespace) with terms it invents (in regie:, in the
 * partner's namespace, in an unknown namespace), as predicates, as classes, and as plain objects
 * (which never count). The expected set is what the generator put in predicate or class position
 * from the invented side. Seeded; {@code -Dregie.undeclared.cases=N} runs more; a failure prints
 * the seed and a shrunk graph.
 */
class UndeclaredTermsTest {
    static final String CINE = VocabularyCheckTest.NS;
    static final List<Node> DECLARED = new ArrayList<>();
    static final List<Node> INVENTED = new ArrayList<>();
    static Vocabularies vocabularies;

    @TempDir
    static Path dir;

    @BeforeAll
    static void pools() throws IOException {
        Path f = dir.resolve("vocabulary.ttl");
        Files.writeString(f, VocabularyCheckTest.GOOD);
        vocabularies = Vocabularies.read(List.of(f));
        String ontology = new String(UndeclaredTermsTest.class.getClassLoader().getResourceAsStream(Vocabularies.ONTOLOGY).readAllBytes(),
                StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^regie:([A-Za-z]+) a ").matcher(ontology);
        while (m.find()) {
            DECLARED.add(uri(Vocab.REGIE + m.group(1)));
        }
        assertTrue(DECLARED.size() > 50, "the model saw Régie's terms");
        for (String local : List.of("Cinema", "seatCount", "admissions", "operatorOf", "screenName")) {
            DECLARED.add(uri(CINE + local));
        }
        for (String reused : List.of("https://schema.org/name", "https://schema.org/madeUpButReused", "http://purl.org/dc/terms/title",
                "http://www.w3.org/2004/02/skos/core#prefLabel", "http://rdf.insee.fr/def/geo#Commune", RDF.type.getURI())) {
            DECLARED.add(uri(reused));
        }
        for (String invented : List.of(Vocab.REGIE + "seatCount", Vocab.REGIE + "zzScreens", CINE + "seatcount", CINE + "Cinemas",
                "http://example.org/def#thing", "https://schema.org.evil/name", "https://w3id.org/regie/other#x", "urn:x:y")) {
            INVENTED.add(uri(invented));
        }
        for (Node n : INVENTED) {
            assertFalse(DECLARED.contains(n));
        }
    }

    private static Node uri(String s) {
        return NodeFactory.createURI(s);
    }

    @Test
    void randomGraphsAgainstTheModel() {
        int cases = Integer.getInteger("regie.undeclared.cases", 300);
        for (int c = 0; c < cases; c++) {
            long seed = 0xC0FFEEL + c;
            List<Triple> ts = generate(new Random(seed));
            Set<String> expected = model(ts);
            Set<String> actual = actual(ts);
            if (!expected.equals(actual)) {
                List<Triple> small = shrink(ts);
                throw new AssertionError("seed " + seed + ": expected " + model(small) + " but undeclared() gave " + actual(small)
                        + " for the graph " + small);
            }
        }
    }

    @Test
    void anEmptyGraphUsesNothing() {
        assertEquals(List.of(), vocabularies.undeclared(GraphFactory.createDefaultGraph()));
    }

    private static List<Triple> generate(Random r) {
        List<Triple> ts = new ArrayList<>();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            Node s = uri("https://t.example/id/x/" + r.nextInt(4));
            Node term = pick(r);
            switch (r.nextInt(3)) {
                case 0 -> ts.add(Triple.create(s, term, NodeFactory.createLiteralString("v" + i)));
                case 1 -> ts.add(Triple.create(s, RDF.Nodes.type, term));
                default -> ts.add(Triple.create(s, pick(r), term));
            }
        }
        return ts;
    }

    private static Node pick(Random r) {
        return r.nextBoolean() ? DECLARED.get(r.nextInt(DECLARED.size())) : INVENTED.get(r.nextInt(INVENTED.size()));
    }

    /** What the generator invented and put where a property or a class goes. */
    private static Set<String> model(List<Triple> ts) {
        Set<String> out = new TreeSet<>();
        for (Triple t : ts) {
            if (INVENTED.contains(t.getPredicate())) {
                out.add(t.getPredicate().getURI());
            }
            if (t.getPredicate().equals(RDF.Nodes.type) && INVENTED.contains(t.getObject())) {
                out.add(t.getObject().getURI());
            }
        }
        return out;
    }

    private static Set<String> actual(List<Triple> ts) {
        Graph g = GraphFactory.createDefaultGraph();
        ts.forEach(g::add);
        Set<String> out = new TreeSet<>();
        vocabularies.undeclared(g).forEach(n -> out.add(n.getURI()));
        return out;
    }

    /** Drops triples one at a time while the disagreement stays. */
    private static List<Triple> shrink(List<Triple> ts) {
        List<Triple> cur = new ArrayList<>(ts);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < cur.size(); i++) {
                List<Triple> less = new ArrayList<>(cur);
                less.remove(i);
                if (!model(less).equals(actual(less))) {
                    cur = less;
                    changed = true;
                    break;
                }
            }
        }
        return cur;
    }
}
