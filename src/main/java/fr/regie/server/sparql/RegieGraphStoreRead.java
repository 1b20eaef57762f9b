package fr.regie.server.sparql;

import java.util.Iterator;
import java.util.function.Supplier;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.fuseki.servlets.GSP_R;
import org.apache.jena.fuseki.servlets.GraphTarget;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.sparql.core.DatasetGraph;

import fr.regie.server.access.Access;
import fr.regie.server.access.ApiKeyFilter;

/**
 * Fuseki's Graph Store Protocol read operation over the graphs the caller may see: a graph the
 * caller may not see answers 404, as one that does not exist. A graph larger than the result
 * limit (in triples), the union of the graphs ({@code ?default}) or all of them (no parameter)
 * when larger, is refused with 403 and a pointer to the dumps: GSP sends a graph whole or not
 * at all, and whole graphs of any size are what {@code /datasets/{id}/dump.nq.gz} is for.
 */
public final class RegieGraphStoreRead extends GSP_R {
    /** Read at each request: a reloaded registry takes effect at once. */
    private final Supplier<Access> access;
    private final long limit;

    public RegieGraphStoreRead(Supplier<Access> access, long limit) {
        this.access = access;
        this.limit = limit;
    }

    @Override
    protected DatasetGraph decideDataset(HttpAction action) {
        Access rules = access.get();
        DatasetGraph view = rules.view(super.decideDataset(action), ApiKeyFilter.caller(action.getRequest()));
        if (action.getRequestQueryString() == null) {
            refuseIfLarger(view.find(), "all the graphs you may see");
        } else {
            GraphTarget target = GraphTarget.determineTargetGSP(view, action);
            if (target.exists()) {
                refuseIfLarger(target.graph().find(), target.isDefault() || target.isUnion() ? "the union of the graphs you may see"
                        : "the graph " + target.graphName().getURI());
            }
        }
        return view;
    }

    /** Counts up to one past the limit (the read transaction is open: the caller's is). */
    private void refuseIfLarger(Iterator<?> contents, String what) {
        long n;
        try {
            n = Iter.count(Iter.limit(contents, limit + 1));
        } finally {
            Iter.close(contents);
        }
        if (n > limit) {
            ServletOps.error(403, what + ": more than " + limit + " triples, more than this endpoint sends at once; "
                    + "download whole datasets from /datasets/{id}/dump.nq.gz (/catalog lists them), or select parts with SPARQL at /sparql");
        }
    }
}
