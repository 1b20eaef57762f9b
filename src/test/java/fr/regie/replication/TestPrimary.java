package fr.regie.replication;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.rdfpatch.RDFChanges;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;

import fr.regie.pipeline.RefreshResult;
import fr.regie.pipeline.Refresher;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.server.AccessFixture;
import fr.regie.server.Feature;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.testing.TestServer;

/**
 * A primary for replication tests: the access fixture's store (PostgreSQL, one dataset per
 * access level), refreshed for real, served on a fixed port (so it can be stopped and started
 * again where replicas look for it). Each refresh is made into the entry the log carries: the
 * change log's patch as written, and the metadata graph's patch computed from the graph before
 * and after (until the capture of the primary's commits lands). The graphs of every run are kept,
 * by run, for the tests to compare a replica with the primary at the run it holds.
 */
public final class TestPrimary implements AutoCloseable {
    public static final String ADMIN = "k-admin";
    /** The log's signature of the primary (keyed from its admin key): what its replicas verify. */
    public static final Signature SIGNATURE = Signature.of(ADMIN);

    public final Path dir;
    public final AccessFixture fixture;
    public final Refresher refresher;
    public final ServerContext context;
    public final String storeId;
    public final int port;
    private final List<Feature> features;
    private final Map<String, Set<Quad>> byRun = new HashMap<>();
    private TestServer server;
    private int sequence = 100;

    private TestPrimary(Path dir, AccessFixture fixture, List<Feature> features) throws IOException {
        this.dir = dir;
        this.fixture = fixture;
        this.features = features;
        Registry reg = fixture.registry();
        this.refresher = new Refresher(reg, fixture.store(), dir, new Refresher.Options(0, Duration.ofMillis(1), 0));
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        this.context = new ServerContext(reg, fixture.store(), Access.of(reg, AccessFixture.ENV), ServerSettings.defaults(port), refresher, null,
                r -> Access.of(r, AccessFixture.ENV));
        this.storeId = fixture.store().layout().identity();
        for (DatasetSpec d : reg.datasets()) {
            keep(d.id());
        }
    }

    /** The fixture in {@code dir}, served with {@code features}. */
    public static TestPrimary start(Path dir, List<Feature> features) throws IOException {
        Files.createDirectories(dir);
        TestPrimary p = new TestPrimary(dir, AccessFixture.create(dir), features);
        p.startServer();
        return p;
    }

    public void startServer() {
        server = TestServer.start(context, features);
    }

    public void stopServer() {
        server.close();
    }

    public TestServer server() {
        return server;
    }

    /** The URL replicas reach it at. */
    public String url() {
        return "http://localhost:" + port + "/";
    }

    public Store store() {
        return fixture.store();
    }

    public GraphNames graphs() {
        return context.graphs();
    }

    /** The dataset's data and metadata quads now. */
    public Set<Quad> quads(String dataset) {
        return quads(store(), graphs(), dataset);
    }

    /** A store's quads of a dataset's data and metadata graphs. */
    public static Set<Quad> quads(Store store, GraphNames graphs, String dataset) {
        DatasetGraph dsg = store.dataset();
        return Txn.calculateRead(dsg, () -> {
            Set<Quad> out = new HashSet<>();
            dsg.find(graphs.dataset(dataset), Node.ANY, Node.ANY, Node.ANY).forEachRemaining(out::add);
            dsg.find(graphs.meta(dataset), Node.ANY, Node.ANY, Node.ANY).forEachRemaining(out::add);
            return out;
        });
    }

    public MetaState state(String dataset) {
        DatasetGraph dsg = store().dataset();
        return Txn.calculateRead(dsg, () -> MetaState.of(dsg, graphs(), dataset));
    }

    /** The dataset's data and metadata quads as they were once {@code run} committed. */
    public Set<Quad> at(String dataset, String run) {
        Set<Quad> q = byRun.get(dataset + " " + run);
        if (q == null) {
            throw new IllegalArgumentException("no run " + run + " of " + dataset + " on the primary");
        }
        return q;
    }

    private void keep(String dataset) {
        byRun.put(dataset + " " + state(dataset).lastRun(), quads(dataset));
    }

    /** Runs SQL on the partners' database. */
    public void sql(String... statements) throws Exception {
        String url = fixture.registry().dataset("stations").orElseThrow().source().jdbcUrl().orElseThrow();
        try (var c = java.sql.DriverManager.getConnection(url); var s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    /** A new row of a dataset's table (a new subject), so that its next refresh makes a version; returns the subject's IRI. */
    public String addRow(String dataset, String name) throws Exception {
        int id = ++sequence;
        sql("INSERT INTO item VALUES ('" + dataset + "', " + id + ", '" + name.replace("'", "''") + "', '93066')");
        return graphs().base() + "id/" + dataset + "/" + id;
    }

    /**
     * Refreshes a dataset on the primary and returns the entry its commit makes: PATCH with the
     * change log's patch when it made a version that has one, SNAPSHOT when it made one without,
     * NONE otherwise; its metadata patch is the graph's difference, deletions first.
     */
    public Entry refresh(String dataset) throws IOException {
        DatasetSpec spec = context.registry().dataset(dataset).orElseThrow();
        MetaState before = state(dataset);
        Set<Quad> metaBefore = metaQuads(dataset);
        RefreshResult r = refresher.refresh(spec, Set.of(Refresher.Flag.FULL)).orElseThrow();
        MetaState after = state(dataset);
        if (after.lastRun().equals(before.lastRun())) {
            throw new IllegalStateException("the refresh of " + dataset + " recorded no run: " + r.line());
        }
        Set<Quad> metaAfter = metaQuads(dataset);
        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        RDFChanges w = RDFPatchOps.textWriter(meta);
        w.start();
        w.txnBegin();
        metaBefore.stream().filter(q -> !metaAfter.contains(q)).forEach(q -> w.delete(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject()));
        metaAfter.stream().filter(q -> !metaBefore.contains(q)).forEach(q -> w.add(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject()));
        w.txnCommit();
        w.finish();
        Entry.Data kind = Entry.Data.NONE;
        byte[] data = null;
        if (after.version() > before.version()) {
            if (store().layout().changeLog(dataset).versionsUpTo(after.version()).contains(after.version())) {
                kind = Entry.Data.PATCH;
                try (InputStream in = store().layout().changeLog(dataset).open(after.version())) {
                    data = in.readAllBytes();
                }
            } else {
                kind = Entry.Data.SNAPSHOT;
            }
        }
        keep(dataset);
        return new Entry(storeId, dataset, after.version(), after.lastRun(), before.lastRun(), Instant.now(), kind, data, meta.toByteArray());
    }

    private Set<Quad> metaQuads(String dataset) {
        DatasetGraph dsg = store().dataset();
        return Txn.calculateRead(dsg, () -> {
            Set<Quad> out = new HashSet<>();
            dsg.find(graphs().meta(dataset), Node.ANY, Node.ANY, Node.ANY).forEachRemaining(out::add);
            return out;
        });
    }

    /**
     * Declares a dataset's access level anew in the registry file ({@code regie:Public},
     * {@code regie:Partners}, or {@code regie:Restricted ; regie:accessPartner <#velib>}) and
     * reloads it on the primary.
     */
    public Registry accessLevel(String dataset, String level) throws IOException {
        Path file = fixture.registry().file();
        String text = Files.readString(file);
        String changed = text.replaceAll("(regie:mapping <" + dataset + "\\.ttl> ; regie:linkBy regie:CommuneCode ; regie:accessLevel )[^\\n]*( \\.)",
                "$1" + java.util.regex.Matcher.quoteReplacement(level) + "$2");
        if (changed.equals(text) && !text.contains("regie:accessLevel " + level + " .")) {
            throw new IllegalStateException("no access level of " + dataset + " in " + file);
        }
        Files.writeString(file, changed);
        Registry r = Registry.read(file);
        context.reload(r);
        return r;
    }

    /**
     * A message as the primary's publisher sends it: signed, and an entry naming the registry it
     * serves now ({@link Publisher#stamp}).
     */
    public fr.regie.stream.LogMessage signed(fr.regie.stream.LogMessage m) throws IOException {
        return m.header(RegistryBundle.SHA256) != null ? SIGNATURE.sign(m) : Publisher.stamp(m, bundle().sha256(), SIGNATURE);
    }

    /** The registry's bundle as the primary publishes it. */
    public RegistryBundle bundle() throws IOException {
        return RegistryBundle.pack(context.registry());
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        fixture.close();
    }
}
