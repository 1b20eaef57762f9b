package fr.regie.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.testing.Cli;
import fr.regie.testing.Node;
import fr.regie.testing.PrivateNats;

/**
 * A primary and its replicas on this machine for the multi-process tests: a private
 * nats-server (which the tests stop and restart), a small territory whose partner tables live in
 * an H2 file database the test changes between refreshes (AUTO_SERVER: the test and the primary
 * both open it), a primary ({@code regie serve --stream}) and replicas ({@code regie replica}),
 * each a child JVM. Refreshes are asked of the primary's admin endpoint; graphs are read back
 * over HTTP (dump and metadata graph) to compare nodes.
 */
final class Cluster implements AutoCloseable {
    static final String BASE = "https://n.example/";
    static final String ADMIN = "k-admin";
    static final Map<String, String> ENV = Map.of("ADMIN_KEY", ADMIN, "P_KEY", "k-p");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every request of the tests comes from the loopback, anonymous ones too: no rate limit; graphs whole. */
    private static final List<String> BOUNDS = List.of("--rate-limit", "1000000", "--partner-rate-limit", "1000000", "--result-limit", "1000000");

    final Path dir;
    final Path registry;
    final String jdbc;
    /**
     * The test's connection to the partner database, open from the start to the end: the first to
     * open an AUTO_SERVER database serves it to the others, so the primary always reaches it over
     * TCP and the file never changes hands between processes (handing it over corrupted it).
     */
    private final Connection db;
    final PrivateNats nats;
    final String stream;
    Node primary;
    final List<Node> replicas = new ArrayList<>();

    private Cluster(Path dir, Path registry, String jdbc, Connection db, PrivateNats nats, String stream) {
        this.dir = dir;
        this.registry = registry;
        this.jdbc = jdbc;
        this.db = db;
        this.nats = nats;
        this.stream = stream;
    }

    /**
     * Writes the territory (two communes, {@code stations} rows of stations, one counter), builds
     * the primary's store with {@code regie refresh} (its outbox is published when the primary
     * starts), and starts the stream server. Nodes are started by {@link #startPrimary} and
     * {@link #startReplica}.
     */
    static Cluster create(Path dir, int stations) throws IOException, SQLException {
        String jdbc = "jdbc:h2:" + dir.resolve("src/db").toAbsolutePath() + ";AUTO_SERVER=TRUE;USER=sa;PASSWORD=";
        Connection db = DriverManager.getConnection(jdbc);
        try {
            sql(db, "CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50))",
                    "CREATE TABLE station (id INTEGER PRIMARY KEY, nom VARCHAR(60), code VARCHAR(5), places INTEGER)",
                    "CREATE TABLE counter (id INTEGER PRIMARY KEY, val INTEGER)",
                    "INSERT INTO commune VALUES ('93066', 'Saint-Denis'), ('93001', 'Aubervilliers')",
                    "INSERT INTO station SELECT X, 'A ' || X, CASE MOD(X, 2) WHEN 0 THEN '93066' ELSE '93001' END, MOD(X, 40)"
                            + " FROM SYSTEM_RANGE(1, " + stations + ")",
                    "INSERT INTO counter VALUES (1, 0)");
            Path registry = writeRegistry(dir, jdbc);
            Cli built = Cli.run("refresh", "--store", dir.resolve("primary").toString(), "--registry", registry.toString(),
                    "--work", dir.resolve("work").toString());
            assertEquals(0, built.exitCode(), "the primary's store is built: " + built.err());
            PrivateNats nats = PrivateNats.begin();
            return new Cluster(dir, registry, jdbc, db, nats, "t" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
        } catch (IOException | SQLException | RuntimeException | Error e) {
            db.close();
            throw e;
        }
    }

    private static Path writeRegistry(Path dir, String jdbc) throws IOException {
        Files.writeString(dir.resolve("territory.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix igeo: <http://rdf.insee.fr/def/geo#> .
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                <#C> rr:logicalTable [ rr:tableName "commune" ] ;
                  rr:subjectMap [ rr:template "id/commune/{code}" ; rr:class igeo:Commune ] ;
                  rr:predicateObjectMap [ rr:predicate igeo:codeINSEE ; rr:objectMap [ rr:column "code" ; rr:datatype xsd:token ] ] ;
                  rr:predicateObjectMap [ rr:predicate igeo:nom ; rr:objectMap [ rr:column "nom" ] ] .
                """);
        Files.writeString(dir.resolve("stations.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix regie: <https://w3id.org/regie#> .
                @prefix schema: <https://schema.org/> .
                <#S> rr:logicalTable [ rr:tableName "station" ] ;
                  rr:subjectMap [ rr:template "id/station/{id}" ; rr:class regie:BikeShareStation ] ;
                  rr:predicateObjectMap [ rr:predicate schema:name ; rr:objectMap [ rr:column "nom" ] ] ;
                  rr:predicateObjectMap [ rr:predicate regie:communeCode ; rr:objectMap [ rr:column "code" ] ] ;
                  rr:predicateObjectMap [ rr:predicate regie:dockCount ; rr:objectMap [ rr:column "places" ] ] .
                """);
        Files.writeString(dir.resolve("counter.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix schema: <https://schema.org/> .
                <#K> rr:logicalTable [ rr:tableName "counter" ] ;
                  rr:subjectMap [ rr:template "id/counter/{id}" ] ;
                  rr:predicateObjectMap [ rr:predicate schema:value ; rr:objectMap [ rr:column "val" ] ] .
                """);
        Path registry = dir.resolve("registry.ttl");
        Files.writeString(registry, """
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                <#t> a regie:Territory ; dct:title "N" ; regie:baseIRI "%s" ; regie:referenceDataset <#territory> ;
                  regie:adminKeyEnv "ADMIN_KEY" .
                <#p> a foaf:Organization ; foaf:name "P" ; regie:apiKeyEnv "P_KEY" .
                <#db> regie:jdbcUrl "%s" .
                <#territory> a dcat:Dataset ; dct:identifier "territory" ; dct:title "Territory" ; dct:publisher <#p> ;
                  regie:source <#db> ; regie:mapping <territory.ttl> ; regie:linkBy regie:NoLink .
                <#stations> a dcat:Dataset ; dct:identifier "stations" ; dct:title "Stations" ; dct:publisher <#p> ;
                  regie:source <#db> ; regie:mapping <stations.ttl> ; regie:maxRemovalShare "0.9"^^xsd:decimal ;
                  regie:linkBy regie:CommuneCode .
                <#counter> a dcat:Dataset ; dct:identifier "counter" ; dct:title "Counter" ; dct:publisher <#p> ;
                  regie:source <#db> ; regie:mapping <counter.ttl> ; regie:maxRemovalShare "1.0"^^xsd:decimal ;
                  regie:linkBy regie:NoLink ; regie:accessLevel regie:Partners .
                """.formatted(BASE, jdbc.replace("\\", "\\\\").replace("\"", "\\\"")));
        return registry;
    }

    private static void sql(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String q : statements) {
                s.execute(q);
            }
        }
    }

    synchronized void update(String... statements) {
        try {
            sql(db, statements);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every station changed: state B (or back to A), two triples of each changed. */
    void toggleStations(boolean b) {
        update(b ? "UPDATE station SET places = MOD(id, 40) + 1, nom = 'B ' || id" : "UPDATE station SET places = MOD(id, 40), nom = 'A ' || id");
    }

    /** The counter set to {@code v} (one triple removed, one added at the next refresh). */
    void count(long v) {
        update("UPDATE counter SET val = " + v + " WHERE id = 1");
    }

    /** Starts the primary ({@code regie serve --stream}, then {@code more} options) and waits until it is ready. */
    Node startPrimary(String... more) {
        List<String> args = new ArrayList<>(List.of("serve", "--store", dir.resolve("primary").toString(), "--registry", registry.toString(),
                "--work", dir.resolve("work").toString(), "--no-schedule", "--stream", nats.url(), "--stream-name", stream));
        args.addAll(BOUNDS);
        args.addAll(List.of(more));
        primary = Node.start("primary-" + stream, ENV, args.toArray(String[]::new));
        return primary.awaitUp(Duration.ofSeconds(60));
    }

    /** Starts a replica of the primary named {@code name} (its own store under the test folder); does not wait. */
    Node startReplica(String name, String... more) {
        return startReplicaOf(name, primary.base(), more);
    }

    /** Starts a replica named {@code name} following the primary at {@code primaryUrl}; does not wait. */
    Node startReplicaOf(String name, String primaryUrl, String... more) {
        List<String> args = new ArrayList<>(List.of("replica", "--store", dir.resolve(name).toString(), "--primary", primaryUrl,
                "--stream", nats.url(), "--stream-name", stream, "--admin-key-env", "ADMIN_KEY"));
        args.addAll(BOUNDS);
        args.addAll(List.of(more));
        Node n = Node.start(name + "-" + stream, ENV, args.toArray(String[]::new));
        replicas.add(n);
        return n;
    }

    /** Refreshes {@code dataset} on the primary (admin endpoint, waiting for the end); its JSON result. */
    JsonNode refresh(String dataset) {
        HttpResponse<String> r = primary.post("/admin/refresh/" + dataset + "?wait=true", ADMIN);
        assertEquals(200, r.statusCode(), "refresh of " + dataset + ": " + r.body());
        try {
            JsonNode j = JSON.readTree(r.body());
            assertEquals("accepted", j.path("outcome").asText(), "refresh of " + dataset + ": " + r.body());
            return j;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A node's /status as JSON (admin key: every dataset). */
    static JsonNode status(Node n) {
        HttpResponse<String> r = n.get("/status", ADMIN);
        assertEquals(200, r.statusCode(), n.name() + " /status: " + r.body());
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version a node serves of {@code dataset}, from its /status (-1 when it lists none). */
    static long version(Node n, String dataset) {
        for (JsonNode d : status(n).path("datasets")) {
            if (d.path("id").asText().equals(dataset)) {
                return d.path("version").asLong(-1);
            }
        }
        return -1;
    }

    /** A dataset's data and metadata graphs on one node, at one version. */
    record Graphs(long version, Graph data, Graph meta) {
        boolean same(Graphs o) {
            return version == o.version && data.isIsomorphicWith(o.data) && meta.isIsomorphicWith(o.meta);
        }

        @Override
        public String toString() {
            return "v" + version + " (" + data.size() + " data triples, " + meta.size() + " metadata triples)";
        }
    }

    /**
     * The data graph (the dump, whose header names the version) and the metadata graph of
     * {@code dataset} on {@code n}, read again until both are of the same version (a node may
     * apply a version between the two reads).
     */
    static Graphs graphs(Node n, String dataset) {
        String metaIri = BASE + "graph/meta/" + dataset;
        for (int attempt = 0; attempt < 20; attempt++) {
            Optional<Graphs> g = readGraphs(n, dataset, metaIri);
            if (g.isPresent()) {
                return g.get();
            }
        }
        throw new AssertionError(n.name() + ": the dump and the metadata graph of " + dataset + " never showed the same version");
    }

    private static Optional<Graphs> readGraphs(Node n, String dataset, String metaIri) {
        try {
            HttpResponse<byte[]> dump = n.process().sendBytes(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(n.base() + "/datasets/" + dataset + "/dump.nq.gz")).header("X-API-Key", ADMIN)
                    .timeout(Duration.ofSeconds(60)).build(), 256 << 20);
            assertEquals(200, dump.statusCode(), n.name() + " dump of " + dataset);
            long version = dump.headers().firstValueAsLong("X-Regie-Version").orElseThrow();
            Graph data = GraphFactory.createDefaultGraph();
            DatasetGraph parsed = DatasetGraphFactory.create();
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(dump.body()))) {
                RDFParser.source(in).lang(Lang.NQUADS).parse(parsed);
            }
            parsed.find().forEachRemaining(q -> data.add(q.asTriple()));
            HttpResponse<String> meta = n.get("/data?graph=" + URLEncoder.encode(metaIri, StandardCharsets.UTF_8), ADMIN,
                    "Accept", "application/n-triples");
            assertEquals(200, meta.statusCode(), n.name() + " metadata graph of " + dataset + ": " + meta.body());
            Graph m = GraphFactory.createDefaultGraph();
            RDFParser.fromString(meta.body(), Lang.NTRIPLES).parse(m);
            long again = version(n, dataset);
            return again == version ? Optional.of(new Graphs(version, data, m)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(n.name() + ": graphs of " + dataset, e);
        }
    }

    /** Polls {@code condition} every 20 ms until it holds or {@code within} passes; whether it held. */
    static boolean poll(Duration within, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Stops every node, the stream server (its store deleted) and the stream. */
    @Override
    public void close() {
        for (Node r : replicas) {
            r.close();
        }
        if (primary != null) {
            primary.close();
        }
        nats.close();
        try {
            db.close();
        } catch (SQLException e) {
            // the database is in the test's temporary folder, deleted with it
        }
    }
}
