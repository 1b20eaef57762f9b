package fr.regie.server.datasetpage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.server.ops.DatasetsFeature;
import fr.regie.territory.Vocab;
import fr.regie.testing.SharedDemo;
import fr.regie.testing.TestServer;
import fr.regie.territory.WktGeoJson;

/**
 * The downloads of the Plaine Commune demo parsed back and compared with the graphs, value by
 * value: the CSV of every class of every dataset, the GeoJSON of every dataset with geometries
 * (each feature's coordinates, number by number, against its WKT literal; each property against
 * the store, numbers compared as exact decimals, scale included: 2.50 is not 2.5).
 */
class DatasetExportsDemoTest {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER.mappedFeature());
    static final Pattern NUMBER = Pattern.compile("[-+]?[0-9.]+(?:[eE][-+]?[0-9]+)?");
    static Registry registry;
    static ServerContext ctx;
    static TestServer server;

    @BeforeAll
    static void start() {
        registry = SharedDemo.registry();
        ctx = new ServerContext(registry, SharedDemo.store(), Access.of(registry, Map.of()), ServerSettings.defaults(0), null, null);
        server = TestServer.start(ctx, List.of(new DatasetPageFeature(), new DatasetsFeature()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Node graph(DatasetSpec d) {
        return ctx.graphs().dataset(d.id());
    }

    /** Property → values (as text) of a subject, from the store. */
    static Map<String, Set<String>> stored(DatasetSpec d, String subject) {
        var dsg = ctx.store().dataset();
        return Txn.calculateRead(dsg, () -> {
            Map<String, Set<String>> out = new TreeMap<>();
            dsg.find(graph(d), NodeFactory.createURI(subject), Node.ANY, Node.ANY).forEachRemaining(q ->
                    out.computeIfAbsent(q.getPredicate().getURI(), k -> new TreeSet<>()).add(Subjects.text(q.getObject())));
            return out;
        });
    }

    @Test
    void csvOfEveryClassIsTheGraph() throws Exception {
        int files = 0;
        for (DatasetSpec d : registry.datasets()) {
            Map<String, Long> classes = Txn.calculateRead(ctx.store().dataset(), () -> Subjects.classes(ctx.store().dataset(), graph(d)));
            for (var c : classes.entrySet()) {
                HttpResponse<String> r = server.get("/datasets/" + d.id() + "/csv?class=" + URLEncoder.encode(c.getKey(), StandardCharsets.UTF_8));
                assertEquals(200, r.statusCode(), r.body());
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
                List<List<String>> records = CsvReader.parse(r.body());
                List<String> header = records.get(0);
                assertEquals(c.getValue().longValue(), records.size() - 1, d.id() + " " + c.getKey());
                for (List<String> rec : records.subList(1, records.size())) {
                    Map<String, Set<String>> fromCsv = new TreeMap<>();
                    for (int i = 1; i < header.size(); i++) {
                        for (String v : CsvReader.values(rec.get(i))) {
                            fromCsv.computeIfAbsent(header.get(i), k -> new TreeSet<>()).add(v);
                        }
                    }
                    assertEquals(stored(d, rec.get(0)), fromCsv, d.id() + " " + rec.get(0));
                }
                files++;
            }
        }
        assertTrue(files >= registry.datasets().size(), "a CSV per class, " + files);
    }

    @Test
    void geoJsonOfEveryDatasetWithGeometriesIsTheGraph() throws Exception {
        int features = 0;
        int datasets = 0;
        for (DatasetSpec d : registry.datasets()) {
            boolean any = Txn.calculateRead(ctx.store().dataset(), () -> GeoJson.hasGeometries(ctx.store().dataset(), graph(d)));
            HttpResponse<byte[]> r = server.getBytes("/datasets/" + d.id() + "/geojson");
            if (!any) {
                assertEquals(404, r.statusCode(), d.id());
                continue;
            }
            datasets++;
            assertEquals(200, r.statusCode(), d.id());
            assertEquals("application/geo+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
            JsonNode fc = JSON.readTree(r.body());
            assertEquals("FeatureCollection", fc.get("type").asText());
            Set<String> ids = new HashSet<>();
            for (JsonNode f : fc.get("features")) {
                String id = f.get("id").asText();
                assertTrue(ids.add(id), "one feature per subject: " + id);
                Map<String, Set<String>> store = stored(d, id);
                Map<String, Set<String>> json = new TreeMap<>();
                f.get("properties").fields().forEachRemaining(e -> {
                    Set<String> vs = json.computeIfAbsent(e.getKey(), k -> new TreeSet<>());
                    (e.getValue().isArray() ? e.getValue() : JSON.createArrayNode().add(e.getValue()))
                            .forEach(v -> vs.add(v.isNumber() ? v.decimalValue().toString() : v.asText()));
                });
                assertEquals(normalise(store), json, d.id() + " " + id);
                assertCoordinatesAreTheWkt(d, id, f.get("geometry"));
                features++;
            }
        }
        assertTrue(datasets >= 2 && features > 100, datasets + " datasets, " + features + " features");
    }

    /** Store values as the JSON reader gives them back: numbers as BigDecimal text (scale kept). */
    static Map<String, Set<String>> normalise(Map<String, Set<String>> store) {
        Map<String, Set<String>> out = new TreeMap<>();
        store.forEach((p, vs) -> {
            Set<String> n = new TreeSet<>();
            for (String v : vs) {
                n.add(v.matches(WktGeoJson.JSON_NUMBER.pattern()) && !v.matches("-?[0-9]+") ? new BigDecimal(v).toString() : v);
            }
            out.put(p, n);
        });
        return out;
    }

    /** The feature's numbers, in order, are the WKT literal's numbers, exactly. */
    static void assertCoordinatesAreTheWkt(DatasetSpec d, String subject, JsonNode geometry) {
        var dsg = ctx.store().dataset();
        List<String> wkts = Txn.calculateRead(dsg, () -> {
            List<String> out = new ArrayList<>();
            Node s = NodeFactory.createURI(subject);
            dsg.find(graph(d), s, Vocab.asWKT, Node.ANY).forEachRemaining(q -> out.add(q.getObject().getLiteralLexicalForm()));
            dsg.find(graph(d), s, Vocab.hasGeometry, Node.ANY).forEachRemaining(g ->
                    dsg.find(graph(d), g.getObject(), Vocab.asWKT, Node.ANY).forEachRemaining(q -> out.add(q.getObject().getLiteralLexicalForm())));
            return out;
        });
        List<BigDecimal> json = new ArrayList<>();
        collect(geometry.get("coordinates"), json);
        boolean match = false;
        for (String w : wkts) {
            List<BigDecimal> fromWkt = new ArrayList<>();
            Matcher m = NUMBER.matcher(w.replaceFirst("^\\s*<[^>]*>", ""));
            while (m.find()) {
                fromWkt.add(new BigDecimal(m.group()));
            }
            match |= fromWkt.equals(json);
        }
        assertTrue(match, subject + ": " + json + " is none of " + wkts);
    }

    static void collect(JsonNode n, List<BigDecimal> out) {
        if (n.isNumber()) {
            out.add(n.decimalValue());
        } else {
            n.forEach(c -> collect(c, out));
        }
    }

    @Test
    void pagesListTheTapsNamingTheirGraphAndTheirGeoJson() throws Exception {
        Map<String, Set<String>> expected = Map.of("velib-stations", Set.of("indicators", "stations-near"),
                "sncf-gares", Set.of("indicators", "stations-near"), "idfm-gares", Set.of("indicators", "stations-near"),
                "festivals", Set.of("indicators"), "sncf-frequentation", Set.of());
        Pattern tap = Pattern.compile("href=\"[^\"]*/api/([a-z0-9-]+)\"");
        for (var e : expected.entrySet()) {
            HttpResponse<String> r = server.get("/datasets/" + e.getKey());
            assertEquals(200, r.statusCode(), e.getKey());
            Set<String> shown = new TreeSet<>();
            tap.matcher(r.body()).results().forEach(m -> shown.add(m.group(1)));
            assertEquals(new TreeSet<>(e.getValue()), shown, e.getKey());
            assertEquals(!e.getKey().equals("sncf-frequentation"), r.body().contains("/datasets/" + e.getKey() + "/geojson\""), e.getKey());
        }
    }
}
