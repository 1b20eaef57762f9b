package fr.regie.server.sparql;

import org.apache.jena.fuseki.access.DataAccessCtl;
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
    private final Access access;

    public RegieGraphStoreRead(Access access) {
        this.access = access;
    }

    @Override
    protected DatasetGraph decideDataset(HttpAction action) {
        DatasetGraph base = super.decideDataset(action);
        return DataAccessCtl.filteredDataset(base, access.securityContext(ApiKeyFilter.caller(action.getRequest())));
    }
}
