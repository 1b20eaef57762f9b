package fr.regie.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import fr.regie.pipeline.RefreshResult;
import fr.regie.pipeline.Refresher;
import fr.regie.registry.Registry;
import fr.regie.replication.Entry;
import fr.regie.store.Store;
import fr.regie.stream.JetStreamLog;
import fr.regie.stream.LogException;
import fr.regie.stream.LogMessage;

/**
 * The propagation delay of a version, from its commit on the primary ({@link Entry#committed()},
 * as the log carries it) to the moment a replica serves it: a one-commune territory and a
 * one-row counter in an H2 file database, a primary and a replica over the stream, then N
 * refreshes of the counter through the primary's admin endpoint, each changing one triple. A
 * thread polls the replica's resource ({@code /id/counter/1}), 2 ms between answers; the delay
 * ends at the first answer showing the new value.
 */
final class Propagation {
    private static final String BASE = "https://bench.example/";
    private static final int MAX_ENTRY = 16 << 20;

    /**
     * Each refresh's delay from its commit to visible on the replica, and from its commit to the
     * primary's answer to the refresh request, in microseconds; how many polls a refresh took on average.
     */
    record Delays(List<Long> micros, List<Long> answerMicros, double pollsPerRefresh) {}

    private final Path dir;
    private final Path logs;
    private final String stream;
    private final String streamName;
    private final String key;
    private final PrintWriter log;

    /** Works in {@code dir} (stores, database, registry); the nodes' logs go to {@code logs}. */
    Propagation(Path dir, Path logs, String stream, String streamName, String key, PrintWriter log) {
        this.dir = dir;
        this.logs = logs;
        this.stream = stream;
        this.streamName = streamName;
        this.key = key;
        this.log = log;
    }

    Delays run(int refreshes) throws IOException, InterruptedException {
        String jdbc = "jdbc:h2:" + dir.resolve("db").toAbsolutePath() + ";AUTO_SERVER=TRUE;USER=sa;PASSWORD=";
        // Open from the start to the end: the first to open an AUTO_SERVER database serves it, so the
        // primary always reaches it over TCP and the file never changes hands between processes.
        try (Connection db = DriverManager.getConnection(jdbc)) {
            return run(jdbc, db, refreshes);
        } catch (SQLException e) {
            throw new IllegalStateException("the propagation fixture's database: " + e.getMessage(), e);
        }
    }

    private Delays run(String jdbc, Connection db, int refreshes) throws IOException, InterruptedException {
        sql(db, "CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50))", "CREATE TABLE counter (id INTEGER PRIMARY KEY, val INTEGER)",
                "INSERT INTO commune VALUES ('93066', 'Saint-Denis')", "INSERT INTO counter VALUES (1, 0)");
        Path registry = writeRegistry(jdbc);
        Path store = dir.resolve("primary");
        Registry reg = Registry.read(registry);
        try (Store s = Store.open(store)) {
            Refresher r = new Refresher(reg, s, dir.resolve("work"), Refresher.Options.defaults());
            for (String id : List.of("territory", "counter")) {
                RefreshResult res = r.refresh(reg.dataset(id).orElseThrow()).orElseThrow();
                if (res.outcome() != RefreshResult.Outcome.ACCEPTED) {
                    throw new IllegalStateException("the propagation fixture's " + id + " was not accepted: " + res.line());
                }
            }
        }
        Map<String, String> env = Map.of("BENCH_ADMIN_KEY", key);
        try (NodeProcess primary = NodeProcess.start("propagation-primary", NodeProcess.thisJar(), List.of("serve", "--store", store.toString(),
                "--registry", registry.toString(), "--work", dir.resolve("work").toString(), "--no-schedule", "--stream", stream,
                "--stream-name", streamName), env, logs.resolve("propagation-primary.log"))) {
            primary.awaitOk("/$/ready", Duration.ofMinutes(2));
            try (NodeProcess replica = NodeProcess.start("propagation-replica", NodeProcess.thisJar(), List.of("replica", "--store",
                    dir.resolve("replica").toString(), "--primary", primary.base(), "--stream", stream, "--stream-name", streamName, "--admin-key-env", "BENCH_ADMIN_KEY"), env,
                    logs.resolve("propagation-replica.log"));
                 JetStreamLog logEngine = JetStreamLog.follow(stream, streamName, JetStreamLog.Settings.DEFAULTS)) {
                replica.awaitOk("/$/ready", Duration.ofMinutes(2));
                return measure(db, primary, replica, logEngine, refreshes);
            }
        } catch (LogException e) {
            throw new IOException("the stream " + stream + " (" + streamName + "): " + e.getMessage(), e);
        }
    }

    private Delays measure(Connection db, NodeProcess primary, NodeProcess replica, JetStreamLog logEngine, int refreshes)
            throws IOException, InterruptedException, LogException {
        List<Long> delays = new ArrayList<>();
        List<Long> answers = new ArrayList<>();
        long polls = 0;
        HttpRequest probe = HttpRequest.newBuilder(URI.create(replica.base() + "/id/counter/1")).header("Accept", "application/n-triples")
                .header("X-API-Key", key).timeout(Duration.ofSeconds(10)).GET().build();
        for (int v = 1; v <= refreshes; v++) {
            sql(db, "UPDATE counter SET val = " + v + " WHERE id = 1");
            String shown = "\"" + v + "\"^^";
            AtomicReference<Instant> seen = new AtomicReference<>();
            long[] count = {0};
            Thread poller = Thread.ofPlatform().daemon().start(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (System.nanoTime() < deadline) {
                    try {
                        HttpResponse<String> r = replica.send(probe);
                        count[0]++;
                        if (r.statusCode() == 200 && r.body().contains(shown)) {
                            seen.set(Instant.now());
                            return;
                        }
                    } catch (IOException e) {
                        return;
                    }
                    // A pause between polls: a busy loop would take a core from the nodes it measures.
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            HttpResponse<String> r = primary.post("/admin/refresh/counter?wait=true", key, Duration.ofMinutes(2));
            Instant answered = Instant.now();
            if (r.statusCode() != 200 || !r.body().contains("\"accepted\"")) {
                poller.interrupt();
                throw new IllegalStateException("refresh " + v + " of the counter: " + r.statusCode() + " " + r.body());
            }
            poller.join(70_000);
            polls += count[0];
            if (seen.get() == null) {
                throw new IllegalStateException("the replica did not show the counter's value " + v + " within 60 s");
            }
            LogMessage m = logEngine.last(logEngine.datasetSubject("counter"))
                    .orElseThrow(() -> new IllegalStateException("nothing on the stream for the counter"));
            Entry e;
            try {
                e = Entry.read(m.body(), MAX_ENTRY);
            } catch (Entry.Corrupt c) {
                throw new IllegalStateException("the counter's entry on the stream: " + c.getMessage());
            }
            if (e.version() < v) {
                throw new IllegalStateException("the stream's last counter entry is v" + e.version() + ", the refresh made v" + v);
            }
            delays.add(Duration.between(e.committed(), seen.get()).toNanos() / 1000);
            answers.add(Duration.between(e.committed(), answered).toNanos() / 1000);
            if (v % 20 == 0) {
                log.println("regie bench replicas: propagation, " + v + " of " + refreshes + " refreshes");
                log.flush();
            }
        }
        return new Delays(delays, answers, polls / (double) refreshes);
    }

    private Path writeRegistry(String jdbc) throws IOException {
        Files.writeString(dir.resolve("territory.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix igeo: <http://rdf.insee.fr/def/geo#> .
                <#C> rr:logicalTable [ rr:tableName "commune" ] ;
                  rr:subjectMap [ rr:template "id/commune/{code}" ; rr:class igeo:Commune ] ;
                  rr:predicateObjectMap [ rr:predicate igeo:nom ; rr:objectMap [ rr:column "nom" ] ] .
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
                <#t> a regie:Territory ; dct:title "Bench" ; regie:baseIRI "%s" ; regie:referenceDataset <#territory> ;
                  regie:adminKeyEnv "BENCH_ADMIN_KEY" .
                <#p> a foaf:Organization ; foaf:name "P" .
                <#db> regie:jdbcUrl "%s" .
                <#territory> a dcat:Dataset ; dct:identifier "territory" ; dct:title "Territory" ; dct:publisher <#p> ;
                  regie:source <#db> ; regie:mapping <territory.ttl> ; regie:linkBy regie:NoLink .
                <#counter> a dcat:Dataset ; dct:identifier "counter" ; dct:title "Counter" ; dct:publisher <#p> ;
                  regie:source <#db> ; regie:mapping <counter.ttl> ; regie:maxRemovalShare "1.0"^^xsd:decimal ;
                  regie:linkBy regie:NoLink .
                """.formatted(BASE, jdbc.replace("\\", "\\\\").replace("\"", "\\\"")));
        return registry;
    }

    private static void sql(Connection c, String... statements) {
        try (Statement s = c.createStatement()) {
            for (String q : statements) {
                s.execute(q);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the propagation fixture's database: " + e.getMessage(), e);
        }
    }
}
