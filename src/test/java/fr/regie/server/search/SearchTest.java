package fr.regie.server.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.server.AccessFixture;
import fr.regie.server.AccessServer;
import fr.regie.server.ServerSettings;
import fr.regie.store.GraphNames;

/**
 * {@code /search} against an independent model: for generated queries and every caller, the hits
 * are exactly the labels a naive scan of the graphs the registry lets that caller read finds
 * (every word of the query beginning a word of the label, accents and case aside), and the
 * index follows a new live version.
 */
class SearchTest {
    @RegisterExtension
    static final AccessServer server = new AccessServer(ServerSettings.defaults(0), List.of(new SearchFeature()));

    static final ObjectMapper JSON = new ObjectMapper();
    static final String[][] CALLERS = {{null, null}, {"k-velib", "velib"}, {"k-sncf", "sncf"}, {"k-admin", null}};
    static final List<String> LABELS = List.of("http://www.w3.org/2000/01/rdf-schema#label", "https://schema.org/name",
            "http://rdf.insee.fr/def/geo#nom", "http://purl.org/dc/terms/title");

    /** A label found by the scan: the resource, its text. */
    record Entry(String iri, String label) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            return (iri + "\u0000" + label).compareTo(o.iri + "\u0000" + o.label);
        }
    }


    /** Words for the model, written apart from Folding: decomposed, marks dropped, lower case, split at non-alphanumerics. */
    static List<String> words(String s) {
        String plain = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String w : plain.split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    static boolean matches(String label, String query) {
        List<String> lw = words(label);
        List<String> qw = words(query);
        return !qw.isEmpty() && qw.stream().allMatch(q -> lw.stream().anyMatch(w -> w.startsWith(q)));
    }

    /** Every label the caller may read, by a scan of the store graph by graph. */
    static Set<Entry> scan(String partner, boolean admin) {
        Registry registry = server.fixture().registry();
        GraphNames graphs = new GraphNames(AccessFixture.BASE);
        DatasetGraph dsg = server.fixture().store().dataset();
        Set<Entry> out = new TreeSet<>();
        Txn.executeRead(dsg, () -> {
            for (DatasetSpec d : registry.datasets()) {
                if (!AccessFixture.declaredVisible(d, partner, admin, registry.territory().referenceDataset())) {
                    continue;
                }
                out.add(new Entry(AccessFixture.BASE + "id/dataset/" + d.id(), d.title()));
                for (String p : LABELS) {
                    Iterator<Quad> it = dsg.find(graphs.dataset(d.id()), Node.ANY, NodeFactory.createURI(p), Node.ANY);
                    while (it.hasNext()) {
                        Quad q = it.next();
                        if (q.getSubject().isURI() && q.getObject().isLiteral()) {
                            out.add(new Entry(q.getSubject().getURI(), q.getObject().getLiteralLexicalForm()));
                        }
                    }
                }
            }
        });
        return out;
    }

    static JsonNode search(String q, String key) throws Exception {
        String path = "/search?limit=100&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
        HttpResponse<String> r = key == null ? server.get(path, "Accept", "application/json")
                : server.get(path, "Accept", "application/json", "X-API-Key", key);
        assertEquals(200, r.statusCode(), q + " → " + r.body());
        return JSON.readTree(r.body());
    }

    /** Queries made from the labels themselves: prefixes of each word, whole labels upper-cased or without accents, pairs of words. */
    static Set<String> queries(Set<Entry> all) {
        Set<String> out = new TreeSet<>(List.of("zzz", "<script>", "a*", "\"gare\"", "saint d", "SAINT-DENIS", "partage", "é", "e", "1"));
        for (Entry e : all) {
            out.add(e.label().toUpperCase(Locale.ROOT));
            out.add(Normalizer.normalize(e.label(), Normalizer.Form.NFD).replaceAll("\\p{M}", ""));
            List<String> raw = List.of(e.label().split("[\\s-]+"));
            for (String w : raw) {
                for (int n = 1; n <= Math.min(4, w.length()); n++) {
                    out.add(w.substring(0, n));
                }
            }
            if (raw.size() > 1) {
                out.add(raw.get(raw.size() - 1) + " " + raw.get(0).substring(0, 1));
            }
        }
        return out;
    }

    @Test
    void eachCallerFindsExactlyTheLabelsOfTheGraphsTheyMayRead() throws Exception {
        Set<String> queries = queries(scan(null, true));
        assertTrue(queries.size() > 30, queries.toString());
        for (String[] c : CALLERS) {
            Set<Entry> visible = scan(c[1], "k-admin".equals(c[0]));
            for (String q : queries) {
                Set<Entry> expected = new TreeSet<>();
                visible.stream().filter(e -> matches(e.label(), q)).forEach(expected::add);
                JsonNode r = search(q, c[0]);
                Set<Entry> found = new TreeSet<>();
                r.get("hits").forEach(h -> found.add(new Entry(h.get("iri").asText(), h.get("label").asText())));
                assertEquals(expected, found, "caller " + c[0] + ", query «" + q + "»");
                assertEquals(expected.size(), r.get("total").asLong(), "total, caller " + c[0] + ", query «" + q + "»");
            }
        }
    }

    @Test
    void accentsCaseAndPrefixesAsOneTypes() throws Exception {
        for (String q : List.of("partage", "PARTAGÉ", "part", "Pa")) {
            JsonNode r = search(q, "k-sncf");
            assertTrue(r.get("hits").toString().contains("Partagé"), q + " → " + r);
        }
        JsonNode saint = search("denis sai", null);
        assertTrue(saint.get("hits").toString().contains("Saint-Denis"), saint.toString());
        assertEquals(0, search("secret", null).get("total").asLong(), "the restricted dataset reaches nobody else");
        assertEquals(0, search("secret", "k-sncf").get("total").asLong());
        assertTrue(search("secret", "k-velib").get("total").asLong() >= 2, "its partner finds it and its record");
    }

    @Test
    void limitBoundsTheHitsNotTheTotal() throws Exception {
        HttpResponse<String> r = server.get("/search?q=s&limit=1", "Accept", "application/json", "X-API-Key", "k-admin");
        JsonNode j = JSON.readTree(r.body());
        assertEquals(1, j.get("hits").size());
        assertTrue(j.get("total").asLong() > 1, j.toString());
        assertEquals(1, j.get("limit").asInt());
    }

    @Test
    void badParametersAreProblemsNamingThem() throws Exception {
        for (String p : List.of("limit=0", "limit=101", "limit=abc", "limit=99999999999", "q=" + "x".repeat(201))) {
            HttpResponse<String> r = server.get("/search?" + p + (p.startsWith("q=") ? "" : "&q=a"), "Accept", "application/json");
            assertEquals(400, r.statusCode(), p);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), p);
            assertTrue(r.body().contains(p.substring(0, p.indexOf('='))), r.body());
        }
        assertEquals(400, server.get("/search", "Accept", "application/json").statusCode(), "q is required for JSON");
        assertEquals(406, server.get("/search?q=a", "Accept", "image/png").statusCode());
    }

    @Test
    void theResultsPageEscapesAndLinksEachHitInBothLanguages() throws Exception {
        HttpResponse<String> fr = server.get("/search?q=%3Cscript%3Esaint", "Accept", "text/html", "Accept-Language", "fr");
        assertEquals(200, fr.statusCode());
        assertFalse(fr.body().contains("<script>saint"), "the query is escaped");
        assertTrue(fr.body().contains("id=\"results\""));
        assertTrue(fr.body().contains("<html lang=\"fr\""));
        HttpResponse<String> en = server.get("/search?q=saint&lang=en", "Accept", "text/html");
        assertTrue(en.body().contains("<html lang=\"en\""), en.body());
        assertTrue(en.body().contains("id/commune/93066\">Saint-Denis</a>"), en.body());
        assertTrue(en.body().contains("id=\"q\"") && en.body().contains("<label for=\"q\""));
        HttpResponse<String> empty = server.get("/search", "Accept", "text/html");
        assertEquals(200, empty.statusCode(), "the page without a query is the form");
    }

    @Test
    void aNewLiveVersionIsSearchedAtOnce() throws Exception {
        assertEquals(0, search("zanzibar", null).get("total").asLong());
        GraphNames graphs = new GraphNames(AccessFixture.BASE);
        DatasetGraph dsg = server.fixture().store().dataset();
        Node subject = NodeFactory.createURI(AccessFixture.BASE + "id/stations/99");
        Node datasetNode = NodeFactory.createURI(AccessFixture.BASE + "id/dataset/stations");
        Node version = NodeFactory.createURI("https://w3id.org/regie#version");
        // What a refresh does, in short: new triples in the dataset's graph, a new live version in its records.
        Txn.executeWrite(dsg, () -> {
            dsg.add(graphs.dataset("stations"), subject, NodeFactory.createURI("https://schema.org/name"), NodeFactory.createLiteralString("Zanzibar"));
            Iterator<Quad> it = dsg.find(graphs.meta("stations"), datasetNode, version, Node.ANY);
            Quad old = it.next();
            dsg.delete(old);
            long v = Long.parseLong(old.getObject().getLiteralLexicalForm()) + 1;
            dsg.add(graphs.meta("stations"), datasetNode, version, NodeFactory.createLiteralDT(Long.toString(v),
                    org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger));
        });
        JsonNode r = search("zanz", null);
        assertEquals(1, r.get("total").asLong(), r.toString());
        assertEquals(subject.getURI(), r.get("hits").get(0).get("iri").asText());
    }
}
