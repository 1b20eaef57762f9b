package fr.regie.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

import fr.regie.pipeline.RefreshResult;
import fr.regie.pipeline.Refresher;
import fr.regie.r2rml.SourceException;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.server.RegieServer;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.server.ops.DatasetsFeature;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;

/**
 * The mirror's benchmark: an upstream Régie serves the refresh benchmark's dataset (about ten
 * triples per generated row, loaded with its version-1 patch) on a real HTTP port. Each run then
 * measures, in fresh stores whose territory is already accepted, (a) a refresh of the dataset
 * from its source, the partner's database, and (b) a mirror's first sync from the upstream's dump,
 * then, after {@value #PATCHES} upstream refreshes (each changing the price of one row in a hundred,
 * a different slice each time: two triples per changed row), (c) the mirror's sync that applies those patches, one
 * local version each. The upstream builds each version's dump at its first download: that is
 * done, and timed, before (b). The best of the runs is kept; the last run checks that the mirror
 * holds exactly the upstream's graph. Tables, stores and files are removed at the end.
 */
public final class MirrorBenchmark {
    static final int PATCHES = 10;
    private static final String MIRROR = "items";

    private final Path dir;
    private final long rows;
    private final int runs;
    private final PrintWriter log;

    public MirrorBenchmark(Path dir, long rows, int runs, PrintWriter log) {
        this.dir = dir;
        this.rows = rows;
        this.runs = runs;
        this.log = log;
    }

    public MirrorFigures run(BenchDatabase db) {
        Path work = dir.resolve("mirror");
        Store.deleteTree(work);
        try {
            return BenchData.withTables(db, admin -> measure(db, admin, work));
        } finally {
            Store.deleteTree(work);
            db.deleteFiles(dir);
        }
    }

    private MirrorFigures measure(BenchDatabase db, Connection admin, Path work) {
        say("generating " + rows + " rows");
        BenchData.create(admin, db.kind(), rows);
        BenchRegistry reg = BenchRegistry.write(work.resolve("registry"), admin, db.url(), 1);
        Node graph = reg.graphs().dataset(BenchRegistry.ITEMS);
        try (Store up = Store.open(work.resolve("upstream"))) {
            Refresher upstream = withTerritory(reg.registry(), reg.territory(), up, work);
            say("loading the upstream (regie load, with its patch)");
            StraightLoad.run(reg, reg.items(), up, work, true, new LoaderClock(null));
            long triples = up.size(graph);
            ServerSettings settings = new ServerSettings(0, true, Duration.ofSeconds(60), 10_000, 20_000, 1_000_000, 1_000_000, false,
                    Optional.empty());
            ServerContext ctx = new ServerContext(reg.registry(), up, Access.of(reg.registry(), Map.of()), settings, null, null);
            FusekiServer server = RegieServer.build(ctx, List.of(new DatasetsFeature())).start();
            try {
                String dataset = "http://localhost:" + server.getHttpPort() + "/datasets/" + BenchRegistry.ITEMS;
                Registry mirrorRegistry = mirrorRegistry(work.resolve("registry"), db.url(), dataset);
                List<MirrorFigures.Run> measured = new ArrayList<>();
                long changedRows = 0;
                boolean same = false;
                for (int i = 0; i <= runs; i++) {
                    String label = i == 0 ? "warm-up" : "run " + i + " of " + runs;
                    say(label + ": refresh from the source into a fresh store");
                    Duration source = fromSource(reg, work.resolve("source-" + i), graph, triples);
                    say(label + ": the upstream builds its dump");
                    Duration dumpBuild = timed(() -> head(dataset + "/dump.nq.gz"));
                    try (Store mirror = Store.open(work.resolve("mirror-" + i))) {
                        Refresher refresher = withTerritory(mirrorRegistry, mirrorRegistry.dataset("territory").orElseThrow(), mirror, work);
                        DatasetSpec spec = mirrorRegistry.dataset(MIRROR).orElseThrow();
                        say(label + ": the mirror's first sync (the dump)");
                        long t0 = System.nanoTime();
                        RefreshResult first = accepted(refresher.refresh(spec).orElseThrow());
                        Duration dump = Duration.ofNanos(System.nanoTime() - t0);
                        say(label + ": " + PATCHES + " upstream refreshes");
                        changedRows = 0;
                        for (int p = 0; p < PATCHES; p++) {
                            changedRows += change(admin, i * PATCHES + p);
                            accepted(upstream.refresh(reg.items()).orElseThrow());
                        }
                        say(label + ": the mirror applies the " + PATCHES + " patches");
                        t0 = System.nanoTime();
                        RefreshResult follow = accepted(refresher.refresh(spec).orElseThrow());
                        Duration patches = Duration.ofNanos(System.nanoTime() - t0);
                        if (follow.version() != first.version() + PATCHES || follow.message().contains("dump")) {
                            throw new IllegalStateException("the mirror did not apply the " + PATCHES + " patches one by one: " + follow.line());
                        }
                        if (i == runs) {
                            same = sameGraph(up, mirror, graph, new GraphNames(mirrorRegistry.territory().baseIri()).dataset(MIRROR));
                        }
                        if (i > 0) {
                            measured.add(new MirrorFigures.Run(source, dumpBuild, dump, patches));
                        }
                    } finally {
                        Store.deleteTree(work.resolve("mirror-" + i));
                    }
                }
                return new MirrorFigures(rows, triples, changedRows, PATCHES, measured, same);
            } finally {
                server.stop();
            }
        }
    }

    /** A refresh of the dataset from its database into a fresh store, timed; the store is deleted after. */
    private Duration fromSource(BenchRegistry reg, Path storeDir, Node graph, long triples) {
        try (Store store = Store.open(storeDir)) {
            Refresher refresher = withTerritory(reg.registry(), reg.territory(), store, storeDir.getParent());
            long t0 = System.nanoTime();
            accepted(refresher.refresh(reg.items()).orElseThrow());
            Duration d = Duration.ofNanos(System.nanoTime() - t0);
            if (store.size(graph) != triples) {
                throw new IllegalStateException("the refresh from the source made " + store.size(graph) + " triples, not " + triples);
            }
            return d;
        } finally {
            Store.deleteTree(storeDir);
        }
    }

    /** One upstream change: the price of one row in a hundred (a different slice each time). */
    private static long change(Connection admin, int k) {
        try (Statement st = admin.createStatement()) {
            return st.executeUpdate("UPDATE " + BenchData.ITEM + " SET price = price + 1 WHERE MOD(id, 100) = " + (k % 100));
        } catch (SQLException e) {
            throw new SourceException("changing the benchmark rows", e);
        }
    }

    /** Whether the mirror's graph holds exactly the upstream's triples (the dataset links nothing: no IRI is rewritten). */
    private static boolean sameGraph(Store up, Store mirror, Node upGraph, Node mirrorGraph) {
        DatasetGraph a = up.dataset();
        DatasetGraph b = mirror.dataset();
        return Txn.calculateRead(a, () -> Txn.calculateRead(b, () -> {
            Graph ga = a.getGraph(upGraph);
            Graph gb = b.getGraph(mirrorGraph);
            return ga.size() == gb.size() && ga.find().filterDrop(gb::contains).toList().isEmpty();
        }));
    }

    private static Refresher withTerritory(Registry registry, DatasetSpec territory, Store store, Path work) {
        Refresher refresher = new Refresher(registry, store, work, new Refresher.Options(0, Duration.ofSeconds(1), 0));
        accepted(refresher.refresh(territory).orElseThrow());
        return refresher;
    }

    private static RefreshResult accepted(RefreshResult r) {
        if (r.outcome() != RefreshResult.Outcome.ACCEPTED) {
            throw new IllegalStateException("not accepted: " + r.line());
        }
        return r;
    }

    /** The mirror's registry: the same territory under another base, and the dataset mirrored from the upstream. */
    private static Registry mirrorRegistry(Path dir, String jdbcUrl, String dataset) {
        Path file = dir.resolve("bench-mirror-registry.ttl");
        try {
            Files.writeString(file, """
                    @prefix regie: <https://w3id.org/regie#> .
                    @prefix dcat: <http://www.w3.org/ns/dcat#> .
                    @prefix dct: <http://purl.org/dc/terms/> .
                    @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                    <#t> a regie:Territory ; dct:title "Mirror" ; regie:baseIRI "https://mirror.example/" ; regie:referenceDataset <#territory> .
                    <#p> foaf:name "Bench partner" .
                    <#territory> a dcat:Dataset ; dct:identifier "territory" ; dct:title "Territory" ; dct:publisher <#p> ;
                      regie:source [ regie:jdbcUrl "%s" ] ; regie:mapping <bench-territory.ttl> ; regie:linkBy regie:NoLink .
                    <#items> a dcat:Dataset ; dct:identifier "%s" ; dct:title "Items (mirror)" ; dct:publisher <#p> ;
                      regie:source [ regie:mirrorOf <%s> ; regie:timeout 600 ] .
                    """.formatted(jdbcUrl.replace("\\", "\\\\").replace("\"", "\\\""), MIRROR, dataset));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the mirror's registry in " + dir, e);
        }
        return Registry.read(file);
    }

    /** A HEAD request: the upstream builds the dump of its live version (and keeps it) before answering. */
    private static void head(String url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofMinutes(10)).build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HEAD " + url + ": HTTP " + r.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("HEAD " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            client.shutdownNow();
        }
    }

    private static Duration timed(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private void say(String what) {
        log.println("regie bench mirror: " + what + "...");
        log.flush();
    }
}
