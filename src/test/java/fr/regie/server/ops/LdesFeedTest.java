package fr.regie.server.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.server.ServerSettings;

/**
 * The event stream over real HTTP against an independent model: a seeded random sequence of
 * refreshes (rows added, removed, renamed in the partner's PostgreSQL table), a copy of the
 * store's graph kept after each. Walking the stream from its {@code tree:view} along the
 * relations, every page holds at most its bound (full ones immutable, the last one not), each
 * version brings one member per subject whose description changed between the copies, each
 * member is its subject's description in the copy of its version (or a deletion when that copy
 * has none), and replaying the members (the latest per subject, deletions removing) gives the
 * live graph. Versions are told from the member's time through {@code /changes}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LdesFeedTest {
    static final int PAGE = 3;
    static final String LDES = "https://w3id.org/ldes#";
    static final String TREE = "https://w3id.org/tree#";
    static final Node MEMBER = u(TREE + "member");
    static final Node VIEW = u(TREE + "view");
    static final Node RELATION = u(TREE + "relation");
    static final Node TREE_NODE = u(TREE + "node");
    static final Node IS_VERSION_OF = u("http://purl.org/dc/terms/isVersionOf");
    static final Node TIME = u("http://www.w3.org/ns/prov#generatedAtTime");
    static final Node DELETE = u("https://www.w3.org/ns/activitystreams#Delete");

    @TempDir
    static java.nio.file.Path dir;
    static OpsServer ops;
    static final List<Graph> copies = new ArrayList<>();

    static Node u(String iri) {
        return NodeFactory.createURI(iri);
    }

    @BeforeAll
    static void start() throws Exception {
        ops = OpsServer.start(dir, ServerSettings.defaults(0), List.of(new DatasetsFeature(PAGE), new AdminFeature()));
    }

    @AfterAll
    static void stop() {
        if (ops != null) {
            ops.close();
        }
    }

    static Graph parse(String body, Lang lang) {
        Graph g = GraphFactory.createGraphMem();
        RDFParser.fromString(body, lang).parse(g);
        return g;
    }

    static String path(String url) {
        return URI.create(url).getRawPath();
    }

    /** A subject's triples with the blank nodes it reaches. */
    static Set<Triple> closure(Graph g, Node s) {
        Set<Triple> out = new HashSet<>();
        Deque<Node> todo = new ArrayDeque<>(List.of(s));
        while (!todo.isEmpty()) {
            for (Triple t : g.find(todo.pop(), Node.ANY, Node.ANY).toList()) {
                out.add(t);
                if (t.getObject().isBlank()) {
                    todo.add(t.getObject());
                }
            }
        }
        return out;
    }

    static Set<Node> iris(Graph g) {
        Set<Node> out = new HashSet<>();
        g.find().forEachRemaining(t -> {
            if (t.getSubject().isURI()) {
                out.add(t.getSubject());
            }
        });
        return out;
    }

    /** One member as read from a page: its version (from its time), subject, triples about the subject. */
    record Read(long version, Node subject, boolean deleted, Set<Triple> triples) {}

    /** The versions by time, from the change feed's JSON. */
    static Map<String, Long> versionsByTime(String dataset, long after, String... headers) throws Exception {
        Map<String, Long> out = new HashMap<>();
        HttpResponse<String> r = ops.server.get("/datasets/" + dataset + "/changes?limit=1000&after=" + after, headers);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode page = new ObjectMapper().readTree(r.body());
        page.get("changes").forEach(c -> out.put(java.time.Instant.parse(c.get("time").asText()).toString(), c.get("version").asLong()));
        return out;
    }

    /** Walks the stream from its view; checks each page's bound and caching; returns the members in order. */
    static List<Read> walk(String dataset, String... headers) throws Exception {
        return walk(dataset, 0, headers);
    }

    /** The same, for a stream whose versions up to {@code after} have no patch. */
    static List<Read> walk(String dataset, long after, String... headers) throws Exception {
        Map<String, Long> versions = versionsByTime(dataset, after, headers);
        String es = ops.server.base() + "/datasets/" + dataset + "/ldes";
        HttpResponse<String> root = ops.server.get(path(es), concat(headers, "Accept", "text/turtle"));
        assertEquals(200, root.statusCode(), root.body());
        Graph rootGraph = parse(root.body(), Lang.TURTLE);
        assertTrue(rootGraph.contains(u(es), RDF.Nodes.type, u(LDES + "EventStream")));
        assertTrue(rootGraph.contains(u(es), u(LDES + "timestampPath"), TIME));
        assertTrue(rootGraph.contains(u(es), u(LDES + "versionOfPath"), IS_VERSION_OF));
        Node view = rootGraph.find(u(es), VIEW, Node.ANY).next().getObject();
        List<Read> out = new ArrayList<>();
        String next = view.getURI();
        int pages = 0;
        while (next != null) {
            assertTrue(++pages < 1000, "a bounded walk");
            HttpResponse<String> r = ops.server.get(path(next), concat(headers, "Accept", "text/turtle"));
            assertEquals(200, r.statusCode(), r.body());
            Graph g = parse(r.body(), Lang.TURTLE);
            List<Node> members = g.find(u(es), MEMBER, Node.ANY).mapWith(Triple::getObject).toList();
            assertTrue(members.size() <= PAGE, next + " holds " + members.size());
            List<Triple> relations = g.find(u(next), RELATION, Node.ANY).toList();
            String cache = r.headers().firstValue("Cache-Control").orElse("");
            assertNotNull(r.headers().firstValue("ETag").orElse(null));
            if (members.size() == PAGE) {
                assertTrue(cache.contains("immutable"), next + ": a full page is immutable, " + cache);
                assertEquals(1, relations.size(), next + " leads on");
            } else {
                assertFalse(cache.contains("immutable"), next + ": the last page is not, " + cache);
                assertEquals(0, relations.size(), next + " is the last page");
            }
            for (Node m : members) {
                Node subject = g.find(m, IS_VERSION_OF, Node.ANY).next().getObject();
                String time = g.find(m, TIME, Node.ANY).next().getObject().getLiteralLexicalForm();
                Long version = versions.get(java.time.Instant.parse(time).toString());
                assertNotNull(version, "the time of " + m + " is a version's: " + time);
                boolean deleted = g.contains(m, RDF.Nodes.type, DELETE);
                Set<Triple> triples = new HashSet<>();
                for (Triple t : closure(g, m)) {
                    Node s = t.getSubject().equals(m) ? subject : t.getSubject();
                    if (s.equals(subject) && (t.getPredicate().equals(IS_VERSION_OF) || t.getPredicate().equals(TIME)
                            || deleted && t.getPredicate().equals(RDF.Nodes.type))) {
                        continue;
                    }
                    triples.add(Triple.create(s, t.getPredicate(), t.getObject()));
                }
                out.add(new Read(version, subject, deleted, triples));
            }
            next = relations.isEmpty() ? null : g.find(relations.get(0).getObject(), TREE_NODE, Node.ANY).next().getObject().getURI();
        }
        return out;
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static void refresh() throws Exception {
        HttpResponse<String> r = ops.server.post("/admin/refresh/stations?wait=true&allowMassDeletion=true", "text/plain", "",
                "X-API-Key", "k-admin");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("accepted", new ObjectMapper().readTree(r.body()).get("outcome").asText(), r.body());
    }

    @Test
    @Order(1)
    void theStreamReplaysToTheLiveGraphAndEachMemberIsItsVersion() throws Exception {
        Random rnd = new Random(20261206L);
        copies.add(GraphFactory.createGraphMem()); // version 0: nothing
        copies.add(ops.storeGraph("stations"));
        int nextId = 10;
        for (int v = 2; v <= 7; v++) {
            List<String> sql = new ArrayList<>();
            // Always one new row, so that every refresh is a version; then a removal or a rename or both.
            sql.add("INSERT INTO item VALUES ('stations', " + nextId++ + ", 'Arrêt " + rnd.nextInt(100) + "', '"
                    + (rnd.nextBoolean() ? "93066" : "93001") + "')");
            if (rnd.nextBoolean()) {
                sql.add("DELETE FROM item WHERE kind = 'stations' AND id = (SELECT MIN(id) FROM item WHERE kind = 'stations')");
            }
            if (rnd.nextBoolean()) {
                sql.add("UPDATE item SET nom = 'Renommé " + v + "' WHERE kind = 'stations' AND id = (SELECT MAX(id) FROM item"
                        + " WHERE kind = 'stations' AND id < " + (nextId - 1) + ")");
            }
            ops.sql(sql.toArray(String[]::new));
            refresh();
            copies.add(ops.storeGraph("stations"));
        }
        List<Read> members = walk("stations");
        // One member per subject whose description changed, version by version, in version order.
        Map<Long, Set<Node>> byVersion = new LinkedHashMap<>();
        long last = 0;
        for (Read m : members) {
            assertTrue(m.version() >= last, "members come in version order");
            last = m.version();
            assertTrue(byVersion.computeIfAbsent(m.version(), k -> new HashSet<>()).add(m.subject()), "once per version: " + m);
            Set<Triple> expected = closure(copies.get((int) m.version()), m.subject());
            assertEquals(expected.isEmpty(), m.deleted(), m.toString());
            assertEquals(expected, m.triples(), "member of " + m.subject() + " at version " + m.version());
        }
        for (int v = 1; v < copies.size(); v++) {
            Graph before = copies.get(v - 1);
            Graph after = copies.get(v);
            Set<Node> changed = new HashSet<>(iris(before));
            changed.addAll(iris(after));
            changed.removeIf(s -> closure(before, s).equals(closure(after, s)));
            assertEquals(changed, byVersion.getOrDefault((long) v, Set.of()), "version " + v);
        }
        assertTrue(members.size() > 2 * PAGE, "several pages: " + members.size() + " members");
        assertTrue(members.stream().anyMatch(Read::deleted), "the sequence removed a subject: a deletion member");
        // Replaying: the latest member of each subject, deletions removing.
        Map<Node, Read> latest = new HashMap<>();
        members.forEach(m -> latest.put(m.subject(), m));
        Graph replay = GraphFactory.createGraphMem();
        latest.values().stream().filter(m -> !m.deleted()).forEach(m -> m.triples().forEach(replay::add));
        assertTrue(ops.storeGraph("stations").isIsomorphicWith(replay), "the replayed stream is the live graph");
    }

    @Test
    @Order(4)
    void withoutTheFirstPatchesTheStreamStartsWithEverySubjectAfterThem() throws Exception {
        for (int v = 1; v <= 3; v++) {
            java.nio.file.Files.delete(dir.resolve("store/regie/changes/stations/%08d.rdfp".formatted(v)));
        }
        List<Read> members = walk("stations", 3);
        Set<Node> first = new HashSet<>();
        members.stream().filter(m -> m.version() == 4).forEach(m -> first.add(m.subject()));
        assertEquals(iris(copies.get(4)), first, "version 4 brings every subject it had");
        assertTrue(members.stream().allMatch(m -> m.version() >= 4 && !(m.version() == 4 && m.deleted())));
        Map<Node, Read> latest = new HashMap<>();
        members.forEach(m -> latest.put(m.subject(), m));
        Graph replay = GraphFactory.createGraphMem();
        latest.values().stream().filter(m -> !m.deleted()).forEach(m -> m.triples().forEach(replay::add));
        assertTrue(ops.storeGraph("stations").isIsomorphicWith(replay), "the replayed stream is still the live graph");

        java.nio.file.Files.delete(dir.resolve("store/regie/changes/territory/00000001.rdfp"));
        HttpResponse<String> gone = ops.server.get("/datasets/territory/ldes/1");
        assertEquals(410, gone.statusCode(), gone.body());
        assertTrue(gone.body().contains("/datasets/territory/dump.nq.gz"), gone.body());
    }

    @Test
    @Order(2)
    void fullPagesAnswer304AndEveryFormatSaysTheSame() throws Exception {
        String page1 = "/datasets/stations/ldes/1";
        HttpResponse<String> r = ops.server.get(page1, "Accept", "text/turtle");
        String etag = r.headers().firstValue("ETag").orElseThrow();
        assertTrue(r.headers().firstValue("Cache-Control").orElse("").contains("public"));
        assertEquals(304, ops.server.get(page1, "Accept", "text/turtle", "If-None-Match", etag).statusCode());
        Graph turtle = parse(r.body(), Lang.TURTLE);
        Graph jsonld = parse(ops.server.get(page1, "Accept", "application/ld+json").body(), Lang.JSONLD);
        Graph nt = parse(ops.server.get(page1, "Accept", "application/n-triples").body(), Lang.NTRIPLES);
        assertTrue(turtle.isIsomorphicWith(jsonld), "JSON-LD");
        assertTrue(turtle.isIsomorphicWith(nt), "N-Triples");
        assertEquals(406, ops.server.get(page1, "Accept", "text/csv").statusCode());
    }

    @Test
    @Order(3)
    void unknownPagesAndInvisibleDatasetsAnswerAsTheChangeFeedDoes() throws Exception {
        for (String p : List.of("0", "-1", "x", "999")) {
            HttpResponse<String> r = ops.server.get("/datasets/stations/ldes/" + p);
            assertEquals(404, r.statusCode(), p);
            assertTrue(r.body().contains("\"detail\""), r.body());
        }
        for (String[] key : List.of(new String[0], new String[] {"X-API-Key", "k-sncf"})) {
            assertEquals(ops.server.get("/datasets/secret/changes", key).statusCode(), ops.server.get("/datasets/secret/ldes", key).statusCode());
            assertEquals(404, ops.server.get("/datasets/secret/ldes/1", key).statusCode());
        }
        assertEquals(401, ops.server.get("/datasets/shared/ldes", "X-API-Key", "k-nobody-has").statusCode());
        HttpResponse<String> mine = ops.server.get("/datasets/secret/ldes/1", "X-API-Key", "k-velib");
        assertEquals(200, mine.statusCode(), mine.body());
        assertTrue(mine.headers().firstValue("Cache-Control").orElse("").startsWith("private"), "a restricted stream stays private");
        List<Read> secret = walk("secret", "X-API-Key", "k-velib");
        Graph replay = GraphFactory.createGraphMem();
        secret.forEach(m -> m.triples().forEach(replay::add));
        assertTrue(ops.storeGraph("secret").isIsomorphicWith(replay));
    }
}
