package fr.regie.store;

import java.io.OutputStream;
import java.util.Iterator;

import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;

/**
 * A named graph written out quad by quad, never held in memory: what {@code regie export} writes
 * and what the server sends as a dataset's dump. Call it inside a read transaction, so that the
 * dump is one consistent version of the graph.
 */
public final class GraphDump {
    private GraphDump() {}

    /** Sends every triple of {@code graph} to {@code out} as a quad in that graph; returns how many. */
    public static long write(DatasetGraph dsg, Node graph, StreamRDF out) {
        long n = 0;
        out.start();
        Iterator<Quad> it = dsg.find(graph, Node.ANY, Node.ANY, Node.ANY);
        while (it.hasNext()) {
            out.quad(it.next());
            n++;
        }
        out.finish();
        return n;
    }

    /** Writes {@code graph} to {@code out} as N-Quads (the stream is flushed, not closed); returns how many quads. */
    public static long writeNQuads(DatasetGraph dsg, Node graph, OutputStream out) {
        return write(dsg, graph, StreamRDFWriter.getWriterStream(out, RDFFormat.NQUADS));
    }
}
