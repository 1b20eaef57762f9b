package fr.regie.pipeline.oracle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;

import fr.regie.store.ChangeLog;
import fr.regie.r2rml.Database;
import fr.regie.r2rml.MappingReader;
import fr.regie.r2rml.R2rml;

/**
 * The oracle's independent models of a dataset's graph, each built in an empty TDB2 store (so
 * that they hold the terms a store serves): the whole source mapped afresh, and the change log
 * replayed from version 1.
 */
final class OracleImages {
    private OracleImages() {}

    /** The triples of a graph, read in a read transaction. */
    static Set<Triple> triples(DatasetGraph dsg, Node graph) {
        return Txn.calculateRead(dsg, () -> {
            Set<Triple> out = new HashSet<>();
            dsg.getGraph(graph).find().forEachRemaining(out::add);
            return out;
        });
    }

    /** The current source mapped with {@code mapping} into an empty store. */
    static Set<Triple> freshMap(String jdbcUrl, Path mapping, Node graph) {
        DatasetGraph empty = DatabaseMgr.createDatasetGraph();
        try (Database db = Database.connect(jdbcUrl, null, null)) {
            Txn.executeWrite(empty, () -> {
                StreamRDF into = new StreamRDFBase() {
                    @Override
                    public void triple(Triple t) {
                        empty.add(graph, t.getSubject(), t.getPredicate(), t.getObject());
                    }
                };
                R2rml.create().mapping(MappingReader.read(mapping)).database(db).baseIri(OracleSchema.BASE).build().run(into);
            });
            return triples(empty, graph);
        } finally {
            TDBInternal.expel(empty);
        }
    }

    /** The patches of versions 1 to {@code version} applied in order to an empty store. */
    static Set<Triple> replay(ChangeLog log, long version, Node graph) {
        DatasetGraph empty = DatabaseMgr.createDatasetGraph();
        try {
            for (long v = 1; v <= version; v++) {
                try (InputStream in = log.open(v)) {
                    RDFPatchOps.applyChange(empty, in);
                }
            }
            return triples(empty, graph);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replay the change log", e);
        } finally {
            TDBInternal.expel(empty);
        }
    }
}
