package fr.regie.server.sparql;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.graph.GraphWrapper;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sparql.util.NodeUtils;

/**
 * A query's whole answer, computed before the response starts and never larger than the limit:
 * SELECT rows (the query asks for one more than the limit, so a cut is known), CONSTRUCT and
 * DESCRIBE triples (counted as distinct triples, the way the answer graph holds them). Since
 * the answer is ready before the first byte, a timeout is a clean 503, and a cut can be
 * announced in a header.
 */
final class BoundedAnswers {
    /** An answer, and whether it was cut. */
    record Answer(QueryExecResult result, Optional<Truncation> truncation) {}

    private BoundedAnswers() {}

    /**
     * The rows of a SELECT. If {@code capped}, the query's LIMIT is the limit plus one, and
     * getting that extra row means the answer was cut.
     */
    static Answer select(QueryExec qe, long limit, boolean capped) {
        RowSet rs = qe.select();
        List<Binding> rows = new ArrayList<>();
        while (rs.hasNext() && rows.size() <= limit) {
            rows.add(rs.next());
        }
        Optional<Truncation> cut = Optional.empty();
        if (capped && rows.size() > limit) {
            rows.remove(rows.size() - 1);
            cut = Optional.of(new Truncation("results", limit));
        }
        return new Answer(new QueryExecResult(RowSetStream.create(rs.getResultVars(), rows.iterator())), cut);
    }

    /** The triples (or quads) of a CONSTRUCT: its solutions are read only until the limit is reached. */
    static Answer construct(QueryExec qe, Query query, long limit) {
        DatasetGraph out = DatasetGraphFactory.create();
        out.prefixes().putAll(query.getPrefixMapping());
        Iterator<Quad> quads = qe.constructQuads();
        long n = 0;
        while (quads.hasNext()) {
            Quad q = quads.next();
            // A template may make what is not RDF (a literal as subject): SPARQL 1.1 §16.2 leaves it out.
            if (!NodeUtils.isValidAsRDF(q.getSubject(), q.getPredicate(), q.getObject()) || out.contains(q)) {
                continue;
            }
            if (n == limit) {
                return new Answer(new QueryExecResult(out), Optional.of(new Truncation("triples", limit)));
            }
            out.add(q);
            n++;
        }
        return new Answer(new QueryExecResult(out), Optional.empty());
    }

    /**
     * The description of a DESCRIBE's resources. Jena's describe handlers add triples to the
     * graph they are given, outside the query's iterators: the graph given here counts them,
     * stops them at the limit, and stops them when the query is cancelled.
     */
    static Answer describe(QueryExec qe, long limit) {
        CappedGraph graph = new CappedGraph(GraphFactory.createDefaultGraph(), limit, cancelSignal(qe.getContext()));
        try {
            qe.describe(graph);
            return new Answer(new QueryExecResult(graph.get()), Optional.empty());
        } catch (CappedGraph.Full e) {
            return new Answer(new QueryExecResult(graph.get()), Optional.of(new Truncation("triples", limit)));
        }
    }

    private static AtomicBoolean cancelSignal(Context cxt) {
        AtomicBoolean s = Context.getCancelSignal(cxt);
        return s != null ? s : new AtomicBoolean();
    }

    /** A graph that refuses the triple past its limit, and any triple once its query is cancelled. */
    private static final class CappedGraph extends GraphWrapper {
        /** Thrown when the graph is full: the describe handlers stop there. */
        static final class Full extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Full() {
                super("full", null, false, false);
            }
        }

        private final long limit;
        private final AtomicBoolean cancel;

        CappedGraph(Graph graph, long limit, AtomicBoolean cancel) {
            super(graph);
            this.limit = limit;
            this.cancel = cancel;
        }

        @Override
        public void add(Triple t) {
            if (cancel.get()) {
                throw new QueryCancelledException();
            }
            if (!get().contains(t)) {
                if (get().size() >= limit) {
                    throw new Full();
                }
                get().add(t);
            }
        }
    }
}
