package fr.regie.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one JSON-LD writer against an independent JSON-LD processor: for many generated graphs
 * (seeded; the smallest failing graph is printed), what the writer makes with a context inlined
 * is read back by Jena's JSON-LD 1.1 reader (Titanium) and must be the same graph. Run with
 * Régie's context (terms, coercions, {@code @set}, aliases of {@code @id} and {@code @type}) and
 * with a context of prefixes only (what a tap without a context gets), as taps write them.
 */
class JsonLdOracleTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long SEED = Long.getLong("regie.oracle.seed", 20261204L);
    static final int CASES = 400 * Integer.getInteger("regie.oracle.scale", 1);

    static final String REGIE = "https://w3id.org/regie#";
    static final String IGEO = "http://rdf.insee.fr/def/geo#";
    static final String SCHEMA = "https://schema.org/";
    static final String EX = "https://example.org/";

    /** Properties and classes the generator draws from: some the context names, some it does not. */
    static final List<String> PROPERTIES = List.of(REGIE + "dockCount", REGIE + "inService", REGIE + "memberOf", REGIE + "population",
            IGEO + "codeINSEE", IGEO + "nom", IGEO + "subdivisionDe", SCHEMA + "name", EX + "p", EX + "q",
            "http://www.w3.org/2000/01/rdf-schema#label", "urn:x:odd");
    static final List<String> CLASSES = List.of(IGEO + "Commune", REGIE + "Facility", SCHEMA + "Place", EX + "Thing");

    static Node value(Random r, List<Node> subjects) {
        return switch (r.nextInt(12)) {
            case 0 -> subjects.get(r.nextInt(subjects.size()));
            case 1 -> NodeFactory.createURI(EX + "id/" + r.nextInt(5));
            case 2 -> NodeFactory.createLiteralLang(text(r), r.nextBoolean() ? "fr" : "en");
            case 3 -> NodeFactory.createLiteralString(text(r));
            case 4 -> NodeFactory.createLiteralDT(Integer.toString(r.nextInt(2000) - 1000), XSDDatatype.XSDinteger);
            case 5 -> NodeFactory.createLiteralDT("0" + r.nextInt(99), XSDDatatype.XSDinteger);
            case 6 -> NodeFactory.createLiteralDT(r.nextBoolean() ? "true" : "1", XSDDatatype.XSDboolean);
            case 7 -> NodeFactory.createLiteralDT("93" + (100 + r.nextInt(900)), XSDDatatype.XSDtoken);
            case 8 -> NodeFactory.createLiteralDT(r.nextInt(100) + ".5", XSDDatatype.XSDdecimal);
            case 9 -> NodeFactory.createLiteralDT("x" + r.nextInt(3), org.apache.jena.datatypes.TypeMapper.getInstance().getSafeTypeByName(EX + "dt"));
            case 10 -> NodeFactory.createBlankNode();
            default -> NodeFactory.createLiteralDT("2024-02-29", XSDDatatype.XSDdate);
        };
    }

    static String text(Random r) {
        String[] words = {"Saint-Denis", "Île-de-France", "quote \" and \\ back", "", "  spaced ", "ligne\nsuivante", "93066", "naïve"};
        return words[r.nextInt(words.length)];
    }

    static List<Triple> graph(Random r) {
        List<Node> subjects = new ArrayList<>();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            subjects.add(r.nextInt(4) == 0 ? NodeFactory.createBlankNode() : NodeFactory.createURI(EX + "id/s" + i));
        }
        List<Triple> out = new ArrayList<>();
        int size = 1 + r.nextInt(12);
        for (int i = 0; i < size; i++) {
            Node s = subjects.get(r.nextInt(subjects.size()));
            if (r.nextInt(5) == 0) {
                out.add(Triple.create(s, RDF.Nodes.type, NodeFactory.createURI(CLASSES.get(r.nextInt(CLASSES.size())))));
            } else {
                Node o = value(r, subjects);
                if (o.isBlank() && r.nextBoolean()) {
                    // A blank node with its own description, to be embedded or not.
                    out.add(Triple.create(o, NodeFactory.createURI(EX + "p"), NodeFactory.createLiteralString("inner")));
                }
                out.add(Triple.create(s, NodeFactory.createURI(PROPERTIES.get(r.nextInt(PROPERTIES.size()))), o));
            }
        }
        return out;
    }

    static Graph of(List<Triple> triples) {
        Graph g = GraphFactory.createDefaultGraph();
        triples.forEach(g::add);
        return g;
    }

    /** Whether the writer's document, read back by Jena's JSON-LD reader, is the same graph. */
    static boolean roundTrips(JsonLdContext context, List<Triple> triples) {
        ObjectNode doc = new JsonLdWriter(context).document(triples, context.contextValue(), true);
        Graph back = GraphFactory.createDefaultGraph();
        try {
            RDFParser.fromString(JSON.writeValueAsString(doc), Lang.JSONLD).parse(back);
        } catch (Exception e) {
            return false;
        }
        return of(triples).isIsomorphicWith(back);
    }

    /** The smallest sublist of triples that still fails, one triple removed at a time. */
    static List<Triple> shrink(JsonLdContext context, List<Triple> failing) {
        List<Triple> current = failing;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = 0; i < current.size(); i++) {
                List<Triple> smaller = new ArrayList<>(current);
                smaller.remove(i);
                if (!smaller.isEmpty() && !roundTrips(context, smaller)) {
                    current = smaller;
                    progress = true;
                    break;
                }
            }
        }
        return current;
    }

    static void check(JsonLdContext context, String name) {
        Random seeds = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            long seed = seeds.nextLong();
            List<Triple> triples = graph(new Random(seed));
            if (!roundTrips(context, triples)) {
                List<Triple> smallest = shrink(context, triples);
                throw new AssertionError(name + ": case " + i + " (seed " + seed + ", -Dregie.oracle.seed=" + SEED
                        + ") does not read back as written; smallest: " + smallest + "\ndocument: "
                        + new JsonLdWriter(context).document(smallest, context.contextValue(), true));
            }
        }
    }

    @Test
    void withRegiesContext() {
        check(JsonLdContext.load(), "ontology/context.jsonld");
    }

    @Test
    void withAContextOfPrefixesOnly() {
        String doc = "{\"@context\": {\"regie\": \"" + REGIE + "\", \"schema\": \"" + SCHEMA + "\", \"ex\": \"" + EX + "\"}}";
        check(JsonLdContext.of(doc.getBytes(StandardCharsets.UTF_8), "prefixes"), "prefixes only");
    }

    @Test
    void aContextTheWriterCannotTakeIsRefusedWithWhereAndWhat() {
        for (String[] bad : new String[][] {
                {"{\"@context\": {\"@vocab\": \"https://example.org/\"}}", "@vocab"},
                {"{\"@context\": {\"@language\": \"fr\"}}", "@language"},
                {"{\"@context\": {\"label\": {\"@id\": \"http://www.w3.org/2000/01/rdf-schema#label\", \"@container\": \"@language\"}}}", "@container"},
                {"{\"@context\": {\"parent\": {\"@reverse\": \"https://example.org/child\"}}}", "@reverse"},
                {"{\"@context\": [\"https://example.org/context.jsonld\"]}", "one object"},
                {"{\"@context\": {\"p\": {\"@id\": \"https://example.org/p\", \"@type\": \"@vocab\"}}}", "@type @vocab"},
                {"{\"@context\": {", "not JSON"}}) {
            JsonLdContext.Unsupported e = assertThrows(JsonLdContext.Unsupported.class,
                    () -> JsonLdContext.of(bad[0].getBytes(StandardCharsets.UTF_8), "taps/context.jsonld"), bad[0]);
            assertTrue(e.getMessage().startsWith("taps/context.jsonld: ") && e.getMessage().contains(bad[1]), e.getMessage());
        }
        assertEquals("@id", JsonLdContext.of("{\"@context\": {}}".getBytes(StandardCharsets.UTF_8), "empty").idKey());
    }
}
