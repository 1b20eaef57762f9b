package fr.regie.server.sparql;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sparql.util.NodeUtils;

import fr.regie.server.access.Access;
import fr.regie.server.access.ApiKeyFilter;

/**
 * Fuseki's SPARQL query operation, with Régie's rules: the query runs over the caller's view of
 * the store ({@link Access#view}: only the graphs the caller may see, their union as default
 * graph), so no pattern, path, DESCRIBE or function can reach another graph; a query longer than
 * the limit is refused with 413; results are cut at the result limit; a query running past the
 * timeout is stopped (503); SERVICE is refused unless the server allows it.
 */
public final class RegieQuery extends SPARQL_QueryDataset {
    /** Read at each request: a reloaded registry takes effect at once. */
    private final Supplier<Access> access;
    private final QueryLimits settings;

    public RegieQuery(Supplier<Access> access, QueryLimits settings) {
        this.access = access;
        this.settings = settings;
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
        if (query.hasDatasetDescription() || action.getRequestParameter("default-graph-uri") != null
                || action.getRequestParameter("named-graph-uri") != null) {
            ServletOps.errorBadRequest("FROM and FROM NAMED are not supported here: the default graph is the union of the graphs you may see");
        }
        DatasetGraph view = access.get().view(getDataset(action), ApiKeyFilter.caller(action.getRequest()));
        return Pair.create(view, query);
    }

    /**
     * As Fuseki's, except that CONSTRUCT drops the triples that are not RDF (a literal as subject,
     * a blank node as predicate), as SPARQL 1.1 §16.2 says; Fuseki's dataset form keeps them.
     */
    @Override
    protected QueryExecResult executeQuery(HttpAction action, QueryExec queryExec, Query requestQuery, String queryStringLog) {
        if (!requestQuery.isConstructType()) {
            return super.executeQuery(action, queryExec, requestQuery, queryStringLog);
        }
        DatasetGraph out = DatasetGraphFactory.create();
        queryExec.constructQuads().forEachRemaining(q -> {
            if (NodeUtils.isValidAsRDF(q.getSubject(), q.getPredicate(), q.getObject())) {
                out.add(q);
            }
        });
        return new QueryExecResult(out);
    }

    @Override
    protected QueryExec createQueryExec(HttpAction action, Query query, DatasetGraph dataset) {
        if (!query.isAskType() && (!query.hasLimit() || query.getLimit() > settings.resultLimit())) {
            query.setLimit(settings.resultLimit());
        }
        Context cxt = Context.setupContextForDataset(action.getContext(), dataset);
        cxt.set(ARQ.httpServiceAllowed, settings.allowService());
        return QueryExec.newBuilder().dataset(dataset).query(query).context(cxt)
                .timeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS).build();
    }
}
