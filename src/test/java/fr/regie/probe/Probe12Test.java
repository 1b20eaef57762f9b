package fr.regie.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.io.TempDir;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.regie.pipeline.RefreshResult;
import fr.regie.pipeline.Refresher;
import fr.regie.registry.Registry;
import fr.regie.server.AccessServer;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.testing.TestDb;
import fr.regie.server.ServerSettings;
import fr.regie.server.map.MapFeature;
import fr.regie.server.ops.DatasetsFeature;

/**
 * An attacker's probe of the event stream ({@code /datasets/{id}/ldes[/{p}]}) over the small
 * access fixture (public {@code stations}, partners' {@code shared}, {@code secret} restricted to
 * velib), page size 1 so the fixture's datasets span several pages. Each test is one attack; a
 * failing one is a finding.
 */
class Probe12Test {
    @RegisterExtension
    static final AccessServer server = new AccessServer(ServerSettings.defaults(0), List.of(new DatasetsFeature(1), new MapFeature()));

    static final String VELIB = "k-velib";
    static final String SNCF = "k-sncf";

    static HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path)).method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return server.client().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String[] key(String k) {
        return k == null ? new String[0] : new String[] {"X-API-Key", k};
    }

    static String[] with(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static void assertProblem(HttpResponse<String> r, String what) {
        int s = r.statusCode();
        assertTrue(s == 400 || s == 404, what + ": expected 400 or 404, got " + s + " " + r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim(), what);
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat ") || r.body().contains("at fr.regie"),
                what + ": a stack trace in " + r.body());
    }

    /**
     * A restricted or partners' dataset's stream, to a caller who may not read it, answers exactly
     * as an unknown dataset's (status, type, detail with the name swapped, no ETag or cache hint),
     * whatever the page, method or conditional header: nothing tells its pages, members or size.
     */
    @Test
    void hiddenStreamsAreIndistinguishableFromUnknownOnes() throws Exception {
        // Precondition: the stream exists for its partner, over more than one page.
        assertEquals(200, send("GET", "/datasets/secret/ldes/1", key(VELIB)).statusCode());
        String etag = send("GET", "/datasets/secret/ldes/1", key(VELIB)).headers().firstValue("ETag").orElseThrow();
        String[] suffixes = {"/ldes", "/ldes/1", "/ldes/2", "/ldes/0", "/ldes/99", "/ldes/x", "/ldes/member/1/0",
            "/changes", "/changes/1", "/dump.nq.gz"};
        List<String> diffs = new ArrayList<>();
        for (String[] who : new String[][] {{"secret", null}, {"secret", SNCF}, {"shared", null}}) {
            for (String sfx : suffixes) {
                for (String method : new String[] {"GET", "HEAD"}) {
                    for (String[] extra : new String[][] {{}, {"If-None-Match", etag}, {"If-None-Match", "*"}, {"Accept", "image/png"}}) {
                        String[] h = with(key(who[1]), extra);
                        HttpResponse<String> hidden = send(method, "/datasets/" + who[0] + sfx, h);
                        HttpResponse<String> unknown = send(method, "/datasets/nosuchset" + sfx, h);
                        String where = method + " " + who[0] + sfx + " as " + who[1] + " " + String.join(":", extra);
                        if (hidden.statusCode() != unknown.statusCode()
                                || !hidden.body().replace(who[0], "nosuchset").equals(unknown.body())
                                || hidden.headers().firstValue("ETag").isPresent()
                                || !hidden.headers().firstValue("Content-Type").equals(unknown.headers().firstValue("Content-Type"))) {
                            diffs.add(where + " -> " + hidden.statusCode() + " vs " + unknown.statusCode());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), diffs);
    }

    /** Malformed page numbers: a 400 or 404 problem+json, never a 500 nor a trace. */
    @Test
    void malformedPagesAreProblemsNotErrors() throws Exception {
        String[] pages = {"0", "-1", "99999999999999999999", "9223372036854775807", "-9223372036854775808", "1%20", "1.0",
            "%00", "1%00", "%2e%2e", "..%2f..%2fchanges", "1.ttl", "1.jsonld", "%ff", "1e3", "0x1",
            "a".repeat(3000), "1".repeat(3000)};
        for (String p : pages) {
            for (String method : new String[] {"GET", "HEAD"}) {
                HttpResponse<String> r = send(method, "/datasets/stations/ldes/" + p);
                if (method.equals("GET")) {
                    assertProblem(r, method + " page " + (p.length() > 40 ? p.substring(0, 40) + "…" : p));
                } else {
                    int s = r.statusCode();
                    assertTrue(s == 400 || s == 404, "HEAD page " + p + ": " + s);
                }
            }
        }
    }

    /**
     * One page, one URL: a page is immutable and cached a year under its URL, and its node is
     * {@code …/ldes/1}; "1 " is refused, so "+1", "01", "001", an Arabic-Indic or full-width one
     * (all of which Long.parseLong accepts) or "1;x=1" (a path parameter Jetty drops) must be
     * refused too, not serve page 1 under another URL, cacheable a year as public and immutable.
     */
    @Test
    void nonCanonicalPageNumbersAreNotServed() throws Exception {
        List<String> served = new ArrayList<>();
        for (String p : new String[] {"+1", "01", "001", "+01", "1;x=1", "1;", "%D9%A1", "%EF%BC%91"}) {
            HttpResponse<String> r = send("GET", "/datasets/stations/ldes/" + p, "Accept", "text/turtle");
            if (r.statusCode() == 200) {
                served.add(p + " (" + r.headers().firstValue("Cache-Control").orElse("") + ")");
            }
        }
        assertEquals(List.of(), served, "page 1 served under other URLs");
    }

    /** An Accept the stream cannot honour: 406 problem+json, on the stream and on a page. */
    @Test
    void unsatisfiableAcceptIs406Problem() throws Exception {
        for (String path : new String[] {"/datasets/stations/ldes", "/datasets/stations/ldes/1"}) {
            for (String accept : new String[] {"image/png", "text/turtle;q=0", "application/x-evil", "*/x"}) {
                HttpResponse<String> r = send("GET", path, "Accept", accept);
                assertEquals(406, r.statusCode(), path + " Accept " + accept + ": " + r.body());
                assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim());
            }
        }
    }

    /** HEAD is GET without a body (same status, ETag, type), and If-None-Match with that ETag is 304. */
    @Test
    void headAndConditionalRequestsAgreeWithGet() throws Exception {
        for (String path : new String[] {"/datasets/stations/ldes", "/datasets/stations/ldes/1", "/datasets/secret/ldes/1"}) {
            HttpResponse<String> get = send("GET", path, key(VELIB));
            HttpResponse<String> head = send("HEAD", path, key(VELIB));
            assertEquals(200, get.statusCode(), path);
            assertEquals(get.statusCode(), head.statusCode(), path);
            assertEquals("", head.body(), path);
            String etag = get.headers().firstValue("ETag").orElseThrow();
            assertEquals(etag, head.headers().firstValue("ETag").orElseThrow(), path);
            assertEquals(304, send("GET", path, with(key(VELIB), "If-None-Match", etag)).statusCode(), path);
            assertEquals(200, send("GET", path, with(key(VELIB), "If-None-Match", "\"other\"")).statusCode(), path);
        }
        // A restricted page is never cacheable by a shared cache.
        String cc = send("GET", "/datasets/secret/ldes/1", key(VELIB)).headers().firstValue("Cache-Control").orElse("");
        assertTrue(cc.startsWith("private"), cc);
    }

    /**
     * {@code /map/value} with hostile parameters (no indicators are declared for this fixture):
     * a missing, unknown or injection-like indicator or unit is a 400 or 404 problem+json, never
     * a 500 or a value.
     */
    @Test
    void mapValueRefusesHostileParameters() throws Exception {
        String[] units = {"", "commune/93066", "https://evil.example/id/commune/93066", "https://t.example/id/../graph/secret",
            "../../graph/secret", "commune/93066%3E%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%20%23", "commune/%22%29%3B%20DROP",
            "commune/" + "9".repeat(3000), "%00", "iris/930660101%0A"};
        for (String indicator : new String[] {null, "", "nope", "x%3E%7B%22", "a".repeat(2000)}) {
            for (String unit : units) {
                StringBuilder q = new StringBuilder("/map/value?");
                if (indicator != null) {
                    q.append("indicator=").append(indicator).append('&');
                }
                q.append("unit=").append(unit);
                HttpResponse<String> r = send("GET", q.toString());
                String what = "indicator=" + (indicator == null ? "(none)" : indicator.length() > 20 ? indicator.substring(0, 20) + "…" : indicator)
                        + " unit=" + (unit.length() > 40 ? unit.substring(0, 40) + "…" : unit);
                assertProblem(r, what);
            }
        }
        assertProblem(send("GET", "/map/value"), "no parameters");
        assertProblem(send("GET", "/map/value?unit=commune/93066&unit=commune/93001"), "unit twice, no indicator");
    }

    // ---- A hostile upstream Régie, played on a raw socket, against a real downstream mirror ----

    static final String DOWN = "https://down.example/";

    @TempDir
    Path dir;

    /** A raw server answering every request with a gzipped N-Quads dump, version 1. */
    static ServerSocket upstream(String nquads) throws Exception {
        return upstream(nquads, null);
    }

    /**
     * The same, and when {@code patch} is given a change feed with one version after the dump
     * (version 2, {@code changes?after=1}) whose RDF Patch is {@code patch}.
     */
    static ServerSocket upstream(String nquads, String patch) throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(nquads.getBytes(StandardCharsets.UTF_8));
        }
        byte[] body = gz.toByteArray();
        ServerSocket server = new ServerSocket(0);
        Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                    String first = in.readLine();
                    for (String line = first; line != null && !line.isEmpty(); line = in.readLine()) {
                        // the request head, ignored but for its path
                    }
                    OutputStream out = s.getOutputStream();
                    if (patch != null && first != null && first.contains("/changes")) {
                        boolean list = first.contains("after=");
                        String text = list ? (first.contains("after=1&") || first.contains("after=1 ")
                                ? "{\"changes\":[{\"version\":2,\"time\":\"2026-01-01T00:00:00Z\",\"added\":1,\"removed\":0}]}" : "{\"changes\":[]}")
                                : patch;
                        byte[] b = text.getBytes(StandardCharsets.UTF_8);
                        out.write(("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: " + (list ? "application/json" : "application/rdf-patch")
                                + "\r\nX-Regie-Version: 2\r\nContent-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(b);
                        out.flush();
                        continue;
                    }
                    out.write(("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/n-quads\r\nContent-Encoding: identity\r\n"
                            + "X-Regie-Version: 1\r\nETag: \"v1\"\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                    out.flush();
                } catch (java.io.IOException e) {
                    // closing
                }
            }
        });
        return server;
    }

    /** A downstream Régie (base {@link #DOWN}) with its reference loaded and a mirror {@code copie} of the upstream at {@code port}. */
    record Down(TestDb db, Store store, Registry registry, Refresher refresher) implements AutoCloseable {
        Set<Triple> graph(String id) {
            DatasetGraph dsg = store.dataset();
            return Txn.calculateRead(dsg, () -> new HashSet<>(dsg.getGraph(new GraphNames(DOWN).dataset(id)).find().toList()));
        }

        /** Every quad in the store outside the dataset's graph and its own records' graph. */
        Set<String> outside(String id) {
            Node g = new GraphNames(DOWN).dataset(id);
            Node meta = NodeFactory.createURI(DOWN + "graph/meta/" + id);
            DatasetGraph dsg = store.dataset();
            return Txn.calculateRead(dsg, () -> {
                Set<String> out = new HashSet<>();
                dsg.find().forEachRemaining(q -> {
                    if (!q.getGraph().equals(g) && !q.getGraph().equals(meta)) {
                        out.add(q.toString());
                    }
                });
                return out;
            });
        }

        RefreshResult sync() {
            return refresher.refresh(registry.dataset("copie").orElseThrow()).orElseThrow();
        }

        @Override
        public void close() {
            store.close();
            db.close();
        }
    }

    Down down(int port) throws Exception {
        TestDb db = TestDb.create(TestDb.Kind.H2);
        db.execute("CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50))",
                "INSERT INTO commune VALUES ('93066', 'Saint-Denis'), ('93001', 'Aubervilliers')");
        Files.writeString(dir.resolve("territory.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix igeo: <http://rdf.insee.fr/def/geo#> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                <#C> rr:logicalTable [ rr:tableName "commune" ] ;
                  rr:subjectMap [ rr:template "id/commune/{code}" ; rr:class igeo:Commune ] ;
                  rr:predicateObjectMap [ rr:predicate igeo:nom , rdfs:label ; rr:objectMap [ rr:column "nom" ; rr:language "fr" ] ] .
                """);
        Path file = dir.resolve("registry.ttl");
        Files.writeString(file, """
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                <#t> a regie:Territory ; dct:title "T" ; regie:baseIRI "%s" ; regie:referenceDataset <#territory> .
                <#insee> a foaf:Organization ; foaf:name "INSEE" .
                <#db> regie:jdbcUrl "%s" .
                <#territory> a dcat:Dataset ; dct:identifier "territory" ; dct:title "Territory" ; dct:publisher <#insee> ;
                  regie:source <#db> ; regie:mapping <territory.ttl> ; regie:linkBy regie:NoLink .
                <#copie> a dcat:Dataset ; dct:identifier "copie" ; dct:title "Copie" ; dct:publisher <#insee> ;
                  regie:source [ regie:mirrorOf <http://localhost:%d/datasets/lieux> ; regie:timeout 5 ] .
                """.formatted(DOWN, db.url(), port));
        Registry reg = Registry.read(file);
        Store store = Store.open(dir.resolve("store"));
        Refresher r = new Refresher(reg, store, dir, new Refresher.Options(0, Duration.ofMillis(1), 0));
        RefreshResult t = r.refresh(reg.dataset("territory").orElseThrow()).orElseThrow();
        assertEquals(RefreshResult.Outcome.ACCEPTED, t.outcome(), t.line());
        return new Down(db, store, reg, r);
    }

    static final String UP_GRAPH = "<https://up.example/graph/lieux>";
    static final String GOOD = "<https://up.example/id/lieu/1> <https://schema.org/name> \"Lieu\"@fr " + UP_GRAPH + " .\n"
            + "<https://up.example/id/lieu/1> <https://w3id.org/regie#inCommune> <https://up.example/id/commune/93066> " + UP_GRAPH + " .\n";

    /**
     * A dump with a quad naming another graph (the downstream's reference graph, or another
     * dataset's): the run is refused and nothing is written anywhere, the reference untouched.
     */
    @Test
    void mirrorRefusesADumpNamingAnotherGraph() throws Exception {
        for (String other : new String[] {"<" + DOWN + "graph/territory>", "<" + DOWN + "graph/copie>", "<https://up.example/graph/autre>"}) {
            String hostile = GOOD + "<" + DOWN + "id/commune/93066> <http://www.w3.org/2000/01/rdf-schema#label> \"Pwned\"@fr " + other + " .\n";
            try (ServerSocket up = upstream(hostile); Down d = down(up.getLocalPort())) {
                Set<String> before = d.outside("copie");
                RefreshResult res = d.sync();
                assertTrue(res.outcome() != RefreshResult.Outcome.ACCEPTED, other + ": " + res.line());
                assertEquals(Set.of(), d.graph("copie"), other);
                assertEquals(before, d.outside("copie"), other + ": written outside the mirror's graph");
            }
            for (Path p : Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }

    /**
     * The reference links of a mirrored record move to the local base (README: "their links to the
     * territorial reference move"), but the rewrite also applies to SUBJECTS: an upstream that
     * publishes triples ABOUT its commune ({@code <up/id/commune/93066> rdfs:label "Pwned"}, or
     * the local IRI pre-written) makes the mirror assert them about the LOCAL reference commune,
     * which the reference's own graph does not say. A mirrored dataset's records are the
     * upstream's records; a reference unit is never one of them.
     */
    @Test
    void mirrorDoesNotLetTheUpstreamDescribeLocalReferenceUnits() throws Exception {
        String hostile = GOOD
                + "<https://up.example/id/commune/93066> <http://www.w3.org/2000/01/rdf-schema#label> \"Pwned\"@fr " + UP_GRAPH + " .\n"
                + "<" + DOWN + "id/commune/93001> <http://rdf.insee.fr/def/geo#nom> \"Pwned too\"@fr " + UP_GRAPH + " .\n";
        try (ServerSocket up = upstream(hostile); Down d = down(up.getLocalPort())) {
            RefreshResult res = d.sync();
            Set<Node> units = new HashSet<>();
            for (String code : new String[] {"93066", "93001"}) {
                units.add(NodeFactory.createURI(DOWN + "id/commune/" + code));
            }
            List<String> about = new ArrayList<>();
            for (Triple t : d.graph("copie")) {
                if (units.contains(t.getSubject())) {
                    about.add(t.toString());
                }
            }
            // What an anonymous visitor of the downstream sees of its own commune (SPARQL, default graph = union).
            String seen;
            try (fr.regie.testing.TestServer web = fr.regie.testing.TestServer.start(
                    new fr.regie.server.ServerContext(d.registry(), d.store(), fr.regie.server.access.Access.of(d.registry(), java.util.Map.of()),
                            ServerSettings.defaults(0), null, null), List.of())) {
                HttpResponse<String> r = web.get("/sparql?query=" + java.net.URLEncoder.encode(
                        "SELECT ?l WHERE { <" + DOWN + "id/commune/93066> <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
                        StandardCharsets.UTF_8), "Accept", "text/csv");
                seen = r.statusCode() + " " + r.body().replace("\r", "").replace("\n", " | ");
            }
            assertEquals(List.of(), about, "the mirror (run " + res.outcome() + ") holds statements about local reference units;"
                    + " anonymous SPARQL for the local commune's label answers: " + seen);
        }
    }

    /**
     * A relative IRI in the upstream's dump ({@code <id/lieu/2>}): N-Quads allows only absolute
     * IRIs, and a store holding a relative one serves dumps, pages and patches no client can
     * parse. The run must be refused (failed, or the dump refused), the mirror's graph empty.
     */
    @Test
    void mirrorRefusesRelativeIrisInTheDump() throws Exception {
        String dump = GOOD + "<id/lieu/2> <https://schema.org/name> \"Rel\" " + UP_GRAPH + " .\n";
        try (ServerSocket up = upstream(dump); Down d = down(up.getLocalPort())) {
            Set<String> before = d.outside("copie");
            RefreshResult res = d.sync();
            assertEquals(before, d.outside("copie"), "written outside the mirror's graph");
            List<String> relative = new ArrayList<>();
            for (Triple t : d.graph("copie")) {
                for (Node n : new Node[] {t.getSubject(), t.getPredicate(), t.getObject()}) {
                    if (n.isURI() && !URI.create(n.getURI()).isAbsolute()) {
                        relative.add(n.getURI());
                    }
                }
            }
            assertEquals(List.of(), relative, "relative IRIs stored by the run " + res.line());
            assertTrue(res.outcome() != RefreshResult.Outcome.ACCEPTED, res.line());
        }
    }

    /** An 8 MB single line: whatever the outcome, bounded, and nothing written outside the mirror. */
    @Test
    void mirrorHugeLineStaysInsideItsGraph() throws Exception {
        String dump = GOOD + "<https://up.example/id/lieu/3> <https://schema.org/name> \"" + "x".repeat(8_000_000) + "\" " + UP_GRAPH + " .\n";
        try (ServerSocket up = upstream(dump); Down d = down(up.getLocalPort())) {
            Set<String> before = d.outside("copie");
            long t0 = System.nanoTime();
            RefreshResult res = d.sync();
            assertTrue(System.nanoTime() - t0 < 60_000_000_000L, "bounded");
            assertEquals(before, d.outside("copie"), "written outside the mirror's graph (run " + res.line() + ")");
        }
    }

    /**
     * A patch whose first quad is in the upstream dataset's graph and whose second names the
     * downstream's reference graph: refused as a whole (the run falls back to the dump or fails),
     * the reference graph untouched, and the mirror's graph never holds the hostile triple.
     */
    @Test
    void mirrorRefusesAPatchTouchingAnotherGraph() throws Exception {
        String patch = "TX .\n"
                + "A <https://up.example/id/lieu/9> <https://schema.org/name> \"Neuf\" " + UP_GRAPH + " .\n"
                + "A <" + DOWN + "id/commune/93066> <http://www.w3.org/2000/01/rdf-schema#label> \"Pwned\"@fr <" + DOWN + "graph/territory> .\n"
                + "TC .\n";
        try (ServerSocket up = upstream(GOOD, patch); Down d = down(up.getLocalPort())) {
            RefreshResult first = d.sync();
            assertEquals(RefreshResult.Outcome.ACCEPTED, first.outcome(), first.line());
            Set<String> before = d.outside("copie");
            Set<Triple> copy = d.graph("copie");
            RefreshResult second = d.sync();
            assertEquals(before, d.outside("copie"), "written outside the mirror's graph (run " + second.line() + ")");
            assertEquals(copy, d.graph("copie"), "the patch was applied (in part): " + second.line());
            assertTrue(second.line().contains("dump") || second.outcome() != RefreshResult.Outcome.ACCEPTED, second.line());
        }
    }
}
