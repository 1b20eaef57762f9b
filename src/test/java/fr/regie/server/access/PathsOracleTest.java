package fr.regie.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Answers.Answer;
import fr.regie.server.access.OracleFixture.Who;
import fr.regie.server.resource.ResourceFeature;
import fr.regie.server.tap.TapFeature;
import fr.regie.testing.TestServer;

/**
 * The other ways in, against the same model as {@link AccessOracleTest}: for each caller, every
 * resource of the fixture (its description in Turtle equals the model's: the subject's triples in
 * the caller's graphs and the blank nodes they reach; 404 exactly when the model has none), its
 * HTML page (which names linked resources: no dataset marker the caller may not see appears),
 * every graph by the Graph Store Protocol (404 exactly when not the caller's), and taps whose
 * queries use paths and GRAPH (the same rows as the model).
 */
class PathsOracleTest {
    @TempDir
    static Path dir;
    static OracleFixture fixture;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        fixture = OracleFixture.create(dir, Long.getLong("regie.oracle.seed", 20_261_204L));
        Path taps = Files.createDirectories(dir.resolve("taps"));
        Files.writeString(taps.resolve("about.rq"), """
                # About a thing
                #
                # @param thing IRI required pattern=thing/[0-9]+ — the thing
                SELECT ?p ?o WHERE { ?thing ?p ?o } ORDER BY ?p ?o
                """);
        Files.writeString(taps.resolve("reach.rq"), """
                # What a thing reaches, and in which graph
                #
                # @param thing IRI required pattern=thing/[0-9]+ — the thing
                SELECT ?g ?o WHERE { { ?thing (!<urn:x>)+ ?o } UNION { GRAPH ?g { ?thing (<urn:x>|!<urn:x>) ?o } } } ORDER BY ?g ?o
                """);
        ServerSettings open = new ServerSettings(0, true, Duration.ofSeconds(10), 1_000_000, 20_000, 1_000_000, 1_000_000,
                false, Optional.empty());
        ServerContext context = new ServerContext(fixture.registry, fixture.store, Access.of(fixture.registry, OracleFixture.ENV),
                open, null, null);
        server = TestServer.start(context, List.of(new ResourceFeature(), new TapFeature()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    private static String[] key(Who who, String... headers) {
        if (who.key == null) {
            return headers;
        }
        String[] out = new String[headers.length + 2];
        System.arraycopy(headers, 0, out, 0, headers.length);
        out[headers.length] = "X-API-Key";
        out[headers.length + 1] = who.key;
        return out;
    }

    /** The model's description: the subject's triples in any of the caller's graphs, and the blank nodes they reach. */
    private static Graph description(DatasetGraph model, Node subject) {
        Graph out = GraphFactory.createDefaultGraph();
        Txn.executeRead(model, () -> {
            Deque<Node> todo = new ArrayDeque<>(List.of(subject));
            Set<Node> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                Node s = todo.pop();
                if (seen.add(s)) {
                    model.getDefaultGraph().find(s, Node.ANY, Node.ANY).forEach(t -> {
                        out.add(t);
                        if (t.getObject().isBlank()) {
                            todo.push(t.getObject());
                        }
                    });
                }
            }
        });
        return out;
    }

    private static Set<String> invisibleMarkers(Who who) {
        Set<String> out = new HashSet<>();
        for (String ds : OracleFixture.ALL) {
            if (!who.datasets.contains(ds)) {
                out.add("only-" + ds + "\"");
                out.add("only-" + ds + "<");
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void resourcesAndTheirPagesShowOnlyTheCallersGraphs(Who who) throws Exception {
        DatasetGraph model = fixture.modelOf(who);
        for (String s : fixture.subjects) {
            String path = "/" + s.substring(OracleFixture.BASE.length());
            Graph expected = description(model, NodeFactory.createURI(s));
            HttpResponse<String> ttl = server.get(path, key(who, "Accept", "text/turtle"));
            if (expected.isEmpty()) {
                assertEquals(404, ttl.statusCode(), who + " " + path + ": " + ttl.body());
                continue;
            }
            assertEquals(200, ttl.statusCode(), who + " " + path + ": " + ttl.body());
            Graph got = GraphFactory.createDefaultGraph();
            RDFParser.fromString(ttl.body(), Lang.TURTLE).parse(got);
            assertTrue(got.isIsomorphicWith(expected), who + " " + path + ":\nexpected " + new Answers.Triples(expected)
                    + "\ngot " + new Answers.Triples(got));
            HttpResponse<String> html = server.get(path + ".html", key(who));
            assertEquals(200, html.statusCode(), who + " " + path);
            for (String marker : invisibleMarkers(who)) {
                assertFalse(html.body().contains(marker), who + " " + path + ".html shows " + marker);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void theGraphStoreGivesTheCallersGraphsOnly(Who who) throws Exception {
        DatasetGraph model = fixture.modelOf(who);
        for (String g : fixture.graphIris) {
            Node name = NodeFactory.createURI(g);
            long size = Txn.calculateRead(model, () -> model.getGraph(name).size());
            HttpResponse<String> r = server.get("/data?graph=" + URLEncoder.encode(g, StandardCharsets.UTF_8),
                    key(who, "Accept", "application/n-triples"));
            if (size == 0) {
                assertEquals(404, r.statusCode(), who + " " + g);
                continue;
            }
            assertEquals(200, r.statusCode(), who + " " + g + ": " + r.body());
            Graph got = GraphFactory.createDefaultGraph();
            RDFParser.fromString(r.body(), Lang.NTRIPLES).parse(got);
            Graph expected = Txn.calculateRead(model, () -> {
                Graph copy = GraphFactory.createDefaultGraph();
                model.getGraph(name).find().forEach(copy::add);
                return copy;
            });
            assertTrue(got.isIsomorphicWith(expected), who + " " + g);
        }
    }

    @ParameterizedTest
    @EnumSource(Who.class)
    void tapsAnswerAsTheirQueryDoesOnTheModel(Who who) throws Exception {
        DatasetGraph model = fixture.modelOf(who);
        for (String s : fixture.subjects) {
            String shortForm = s.substring((OracleFixture.BASE + "id/").length());
            for (String[] tap : new String[][] {{"about", "SELECT ?p ?o WHERE { <%s> ?p ?o }"},
                    {"reach", "SELECT ?g ?o WHERE { { <%1$s> (!<urn:x>)+ ?o } UNION { GRAPH ?g { <%1$s> (<urn:x>|!<urn:x>) ?o } } }"}}) {
                Answer expected = Answers.local(model, tap[1].formatted(s));
                HttpResponse<String> r = server.get("/api/" + tap[0] + "?limit=10000&thing=" + shortForm,
                        key(who, "Accept", "text/csv"));
                assertEquals(200, r.statusCode(), who + " " + tap[0] + " " + s + ": " + r.body());
                long rows = r.body().strip().lines().count() - 1;
                assertEquals(((Answers.Rows) expected).rows().size(), rows, who + " " + tap[0] + " " + s + ":\n" + r.body()
                        + "\nexpected " + expected);
                for (String marker : invisibleMarkers(who)) {
                    assertFalse((r.body() + "\"").contains(marker.replace("<", "\"")), who + " " + tap[0] + " shows " + marker);
                }
            }
        }
    }
}
