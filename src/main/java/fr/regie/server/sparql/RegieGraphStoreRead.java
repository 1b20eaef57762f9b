package fr.regie.server.sparql;

import java.util.function.Supplier;

import org.apache.jena.fuseki.servlets.GSP_R;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.sparql.core.DatasetGraph;

import fr.regie.server.access.Access;
import fr.regie.server.access.ApiKeyFilter;

/**
 * Fuseki's Graph Store Protocol read operation over the graphs the caller may see: a graph the
 * caller may not see answers 404, as one that does not exist.
 */
public final class RegieGraphStoreRead extends GSP_R {
    /** Read at each request: a reloaded registry takes effect at once. */
    private final Supplier<Access> access;

    public RegieGraphStoreRead(Supplier<Access> access) {
        this.access = access;
    }

    @Override
    protected DatasetGraph decideDataset(HttpAction action) {
        DatasetGraph base = super.decideDataset(action);
        return access.get().view(base, ApiKeyFilter.caller(action.getRequest()));
    }
}
