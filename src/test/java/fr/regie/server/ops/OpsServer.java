package fr.regie.server.ops;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;

import fr.regie.pipeline.Refresher;
import fr.regie.registry.Registry;
import fr.regie.server.AccessFixture;
import fr.regie.server.Feature;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.store.GraphNames;
import fr.regie.testing.TestServer;

/**
 * The access fixture served with a refresher (so admin refreshes run) and access rules that
 * keep the fixture's keys across reloads, plus what the operations tests check with: the
 * store's graphs, the partner's database, gunzipped N-Quads.
 */
public final class OpsServer implements AutoCloseable {
    public final AccessFixture fixture;
    public final ServerContext context;
    public final TestServer server;

    private OpsServer(AccessFixture fixture, ServerContext context, TestServer server) {
        this.fixture = fixture;
        this.context = context;
        this.server = server;
    }

    public static OpsServer start(Path dir, ServerSettings settings, List<Feature> features) throws IOException {
        AccessFixture f = AccessFixture.create(dir);
        Registry reg = f.registry();
        Refresher refresher = new Refresher(reg, f.store(), dir, new Refresher.Options(0, Duration.ofMillis(1), 0));
        ServerContext ctx = new ServerContext(reg, f.store(), Access.of(reg, AccessFixture.ENV), settings, refresher, null,
                r -> Access.of(r, AccessFixture.ENV));
        return new OpsServer(f, ctx, TestServer.start(ctx, features));
    }

    public Node graph(String dataset) {
        return new GraphNames(AccessFixture.BASE).dataset(dataset);
    }

    /** A copy of a dataset's graph in the store now. */
    public Graph storeGraph(String dataset) {
        DatasetGraph dsg = fixture.store().dataset();
        return Txn.calculateRead(dsg, () -> {
            Graph g = GraphFactory.createGraphMem();
            dsg.getGraph(graph(dataset)).find().forEach(g::add);
            return g;
        });
    }

    /** Runs SQL on the partner's database (the fixture's PostgreSQL schema). */
    public void sql(String... statements) throws SQLException {
        String url = fixture.registry().dataset("stations").orElseThrow().source().jdbcUrl().orElseThrow();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    /** Gunzips and parses N-Quads. */
    public static DatasetGraph nquads(byte[] gz) throws IOException {
        DatasetGraph out = DatasetGraphFactory.createTxnMem();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            RDFParser.source(in).lang(Lang.NQUADS).parse(out);
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
        fixture.close();
    }
}
