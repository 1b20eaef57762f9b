package fr.regie.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.TxnType;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * A TDB2 database directory. Queries see the union of the named graphs as their default graph,
 * so analysts need no GRAPH clause; each dataset still lives in its own named graph.
 */
public final class Store implements AutoCloseable {
    private final Path dir;
    private final DatasetGraph dsg;

    private Store(Path dir, DatasetGraph dsg) {
        this.dir = dir;
        this.dsg = dsg;
    }

    /** Opens (creating if needed) the TDB2 database in {@code dir}. */
    public static Store open(Path dir) {
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(Location.create(dir.toAbsolutePath().toString()));
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        return new Store(dir, dsg);
    }

    /**
     * Opens the TDB2 database in {@code dir}, which must already be one (a {@code Data-NNNN}
     * folder in it): commands that only read a store must not leave an empty one behind a
     * mistyped path.
     *
     * @throws UncheckedIOException wrapping a {@link NoSuchFileException} when {@code dir} is not a store
     */
    public static Store openExisting(Path dir) {
        boolean store = false;
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                store = entries.anyMatch(p -> Files.isDirectory(p) && p.getFileName().toString().matches("Data-\\d+"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + dir, e);
            }
        }
        if (!store) {
            String why = Files.exists(dir) ? "not a TDB2 store" : "no such store";
            throw new UncheckedIOException(why + ": " + dir, new NoSuchFileException(dir.toString(), null, why));
        }
        return open(dir);
    }

    public Path dir() {
        return dir;
    }

    /** What Régie keeps beside the TDB2 files: change logs, row states, reports, dumps. */
    public StoreLayout layout() {
        return new StoreLayout(dir);
    }

    public DatasetGraph dataset() {
        return dsg;
    }

    /** Replaces the content of a named graph with {@code content}, in one write transaction. */
    public void replaceGraph(Node graph, Graph content) {
        Txn.executeWrite(dsg, () -> {
            dsg.removeGraph(graph);
            StreamRDF into = StreamRDFLib.dataset(dsg);
            content.find().forEach(t -> into.quad(Quad.create(graph, t)));
        });
    }

    /** The number of triples in a named graph. */
    public long size(Node graph) {
        return Txn.calculateRead(dsg, () -> dsg.getGraph(graph).size());
    }

    /**
     * Deletes a folder (a closed store, a scratch folder) and everything under it, or a file;
     * nothing when it does not exist.
     */
    public static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }

    /** Runs {@code action} in a read transaction unless one is active. */
    public <T> T read(java.util.function.Supplier<T> action) {
        if (dsg.isInTransaction()) {
            return action.get();
        }
        dsg.begin(TxnType.READ);
        try {
            return action.get();
        } finally {
            dsg.end();
        }
    }

    /**
     * Releases the database so that another process (or a stock Fuseki) may open it. Requests cut
     * short by a server that just stopped may still be ending their read transactions: their end
     * is waited for, up to five seconds.
     */
    @Override
    public void close() {
        for (int attempt = 1; ; attempt++) {
            try {
                TDBInternal.expel(dsg);
                return;
            } catch (org.apache.jena.dboe.transaction.txn.TransactionException stillActive) {
                if (attempt == 50) {
                    throw stillActive;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw stillActive;
                }
            }
        }
    }
}
