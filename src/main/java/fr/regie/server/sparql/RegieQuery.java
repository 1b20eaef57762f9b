package fr.regie.server.sparql;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.access.DataAccessCtl;
import org.apache.jena.fuseki.access.DatasetGraphAccessControl;
import org.apache.jena.fuseki.access.SecurityContext;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.tdb2.DatabaseMgr;

import fr.regie.server.access.Access;
import fr.regie.server.access.ApiKeyFilter;
import fr.regie.server.access.Caller;

/**
 * Fuseki's SPARQL query operation, with Régie's rules: the query sees only the graphs its caller
 * may see (a restricted dataset is not in its union default graph, nor reachable with GRAPH); a
 * query longer than the limit is refused with 413; results are cut at the result limit; a query
 * running past the timeout is stopped (503); SERVICE is refused unless the server allows it.
 */
public final class RegieQuery extends SPARQL_QueryDataset {
    /** Read at each request: a reloaded registry takes effect at once. */
    private final Supplier<Access> access;
    private final QueryLimits settings;

    public RegieQuery(Supplier<Access> access, QueryLimits settings) {
        this.access = access;
        this.settings = settings;
    }

    private static DatasetGraph base(DatasetGraph dsg) {
        return dsg instanceof DatasetGraphAccessControl ac ? ac.getWrapped() : dsg;
    }

    private SecurityContext securityContext(HttpAction action) {
        Caller caller = ApiKeyFilter.caller(action.getRequest());
        return access.get().securityContext(caller);
    }

    @Override
    protected void execute(String queryString, HttpAction action) {
        if (queryString != null && queryString.length() > settings.maxQueryLength()) {
            ServletOps.error(413, "query of " + queryString.length() + " characters; this endpoint accepts up to "
                    + settings.maxQueryLength());
        }
        super.execute(queryString, action);
    }

    @Override
    protected Pair<DatasetGraph, Query> decideDataset(HttpAction action, Query query, String queryStringLog) {
        if (query.hasDatasetDescription()) {
            ServletOps.errorBadRequest("FROM and FROM NAMED are not supported here: the default graph is the union of the graphs you may see");
        }
        DatasetGraph base = base(getDataset(action));
        // On TDB2 the store itself is queried (its union default graph intact) and a quad filter,
        // set in createQueryExec, hides the graphs the caller may not see; elsewhere, a filtered view.
        DatasetGraph dsg = DatabaseMgr.isTDB2(base) ? base : DataAccessCtl.filteredDataset(base, securityContext(action));
        return Pair.create(dsg, query);
    }

    @Override
    protected QueryExec createQueryExec(HttpAction action, Query query, DatasetGraph dataset) {
        if (!query.isAskType() && (!query.hasLimit() || query.getLimit() > settings.resultLimit())) {
            query.setLimit(settings.resultLimit());
        }
        Context cxt = Context.setupContextForDataset(action.getContext(), dataset);
        cxt.set(ARQ.httpServiceAllowed, settings.allowService());
        QueryExec qe = QueryExec.newBuilder().dataset(dataset).query(query).context(cxt)
                .timeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS).build();
        securityContext(action).filterTDB(base(getDataset(action)), qe);
        return qe;
    }
}
