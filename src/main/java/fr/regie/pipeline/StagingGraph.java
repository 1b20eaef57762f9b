package fr.regie.pipeline;

import java.nio.file.Path;

import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.impl.GraphBase;
import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.params.StoreParams;
import org.apache.jena.tdb2.params.StoreParamsBuilder;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.util.iterator.ExtendedIterator;

/**
 * A check's staging graph, bounded in heap: in memory while it is small, moved into a temporary
 * TDB2 database in the check's scratch folder (memory-mapped, off the heap) once it holds more
 * than {@code inMemory} triples. Filled then read by one thread: {@link #settle} ends the
 * writing; {@link #close} releases the database (the scratch folder is deleted by the check).
 */
final class StagingGraph extends GraphBase implements AutoCloseable {
    /** Small caches: the staged graph is read in order, not at random, and its heap is what we bound. */
    private static final StoreParams PARAMS = StoreParamsBuilder.create("check-staging")
            .node2NodeIdCacheSize(20_000).nodeId2NodeCacheSize(50_000).nodeMissCacheSize(1_000).build();

    private final Path dir;
    private final long inMemory;
    private Graph target = GraphFactory.createGraphMem();
    private DatasetGraph tdb;
    private long count;

    /** Stages in memory up to {@code inMemory} triples, then in a TDB2 database created in {@code dir}. */
    StagingGraph(Path dir, long inMemory) {
        this.dir = dir;
        this.inMemory = inMemory;
    }

    /** Whether the graph went to disk. */
    boolean onDisk() {
        return tdb != null;
    }

    @Override
    public void performAdd(Triple t) {
        target.add(t);
        if (tdb == null && ++count > inMemory) {
            spill();
        }
    }

    @Override
    public void performDelete(Triple t) {
        target.delete(t);
    }

    private void spill() {
        tdb = DatabaseMgr.connectDatasetGraph(Location.create(dir.toString()), PARAMS);
        tdb.begin(TxnType.WRITE);
        Graph disk = tdb.getDefaultGraph();
        target.find().forEachRemaining(disk::add);
        target = disk;
    }

    /** Ends the writing: the graph is read from now on. */
    void settle() {
        if (tdb != null && tdb.isInTransaction() && tdb.transactionMode() == org.apache.jena.query.ReadWrite.WRITE) {
            tdb.commit();
            tdb.end();
            tdb.begin(TxnType.READ);
        }
    }

    @Override
    protected ExtendedIterator<Triple> graphBaseFind(Triple pattern) {
        return target.find(pattern);
    }

    @Override
    protected boolean graphBaseContains(Triple t) {
        return target.contains(t);
    }

    @Override
    protected int graphBaseSize() {
        return target.size();
    }

    @Override
    public void close() {
        super.close();
        if (tdb != null) {
            if (tdb.isInTransaction()) {
                tdb.end();
            }
            TDBInternal.expel(tdb);
            tdb = null;
        }
    }
}
