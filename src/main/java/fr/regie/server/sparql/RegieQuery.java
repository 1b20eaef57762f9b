package fr.regie.server.sparql;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.Fuseki;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryException;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.apache.jena.sparql.syntax.ElementService;
import org.apache.jena.sparql.syntax.ElementVisitorBase;
import org.apache.jena.sparql.syntax.ElementWalker;
import org.apache.jena.sparql.util.Context;

import fr.regie.server.access.Access;
import fr.regie.server.access.ApiKeyFilter;
import fr.regie.server.bounds.QueryBounds;
import fr.regie.server.bounds.QueryTooComplexException;

/**
 * Fuseki's SPARQL query operation, with Régie's rules: the query runs over the caller's view of
 * the store ({@link Access#view}: only the graphs the caller may see, their union as default
 * graph), so no pattern, path, DESCRIBE or function can reach another graph; SERVICE is refused
 * unless the server allows it. And it is bounded ({@link QueryBounds}): a query longer than the
 * limit is refused with 413, one nested too deeply with 400; every operator stops at the
 * timeout (503) or when the client has gone ({@link ClientWatch}); the answer is computed whole
 * before it is sent, cut at the result limit (rows for SELECT, triples for CONSTRUCT and
 * DESCRIBE), and a cut is announced ({@link Truncation}). A query that fails on its own terms
 * (a property function given unbound arguments, a regular expression recursing too deeply) is a
 * 400 naming the reason.
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
        if (queryString != null) {
            refuseTooDeep(queryString);
        }
        AtomicBoolean cancel = new AtomicBoolean();
        action.getContext().set(ARQConstants.symCancelQuery, cancel);
        // The request's body has been read by now: until the answer, the connection is idle.
        try (ClientWatch watch = ClientWatch.start(action.getRequest(), cancel)) {
            super.execute(queryString, action);
        } catch (StackOverflowError e) {
            // Past the depth check, one of Jena's recursive walks still overflowed: the shape again.
            ServletOps.errorBadRequest("the query nests too deeply for this server; split it up");
        }
    }

    /** Parses once more, before Fuseki does (its first act after parsing, printing the query for the log, recurses). */
    private static void refuseTooDeep(String queryString) {
        try {
            QueryBounds.parse(queryString, Fuseki.BaseParserSPARQL);
        } catch (QueryTooComplexException e) {
            ServletOps.errorBadRequest(e.getMessage());
        } catch (QueryException e) {
            // Not a query: Fuseki's own parse, next, reports it with its line and column.
        }
    }

    @Override
    protected Pair<DatasetGraph, Query> decideDataset(HttpAction action, Query query, String queryStringLog) {
        if (query.hasDatasetDescription() || action.getRequestParameter("default-graph-uri") != null
                || action.getRequestParameter("named-graph-uri") != null) {
            ServletOps.errorBadRequest("FROM and FROM NAMED are not supported here: the default graph is the union of the graphs you may see");
        }
        if (!settings.allowService() && callsService(query)) {
            ServletOps.errorBadRequest("SERVICE is off on this endpoint: it queries only this régie's data");
        }
        DatasetGraph view = access.get().view(getDataset(action), ApiKeyFilter.caller(action.getRequest()));
        return Pair.create(view, query);
    }

    /** Whether a query's pattern calls SERVICE (one in an EXISTS is still refused by ARQ, in its own words). */
    private static boolean callsService(Query query) {
        final class Finder extends ElementVisitorBase {
            boolean found;

            @Override
            public void visit(ElementService el) {
                found = true;
            }
        }
        Finder finder = new Finder();
        if (query.getQueryPattern() != null) {
            ElementWalker.walk(query.getQueryPattern(), finder);
        }
        return finder.found;
    }

    @Override
    protected QueryExec createQueryExec(HttpAction action, Query query, DatasetGraph dataset) {
        long limit = settings.resultLimit();
        // SELECT asks for one row more than it may send, to know whether it was cut; DESCRIBE
        // describes at most as many resources as triples it may send; CONSTRUCT is cut in triples.
        if (query.isSelectType() && (!query.hasLimit() || query.getLimit() > limit)) {
            query.setLimit(limit + 1);
        } else if (query.isDescribeType() && (!query.hasLimit() || query.getLimit() > limit)) {
            query.setLimit(limit);
        }
        Context cxt = Context.setupContextForDataset(action.getContext(), dataset);
        cxt.set(ARQ.httpServiceAllowed, settings.allowService());
        QueryBounds.install(cxt, Context.getOrSetCancelSignal(cxt));
        return QueryExec.newBuilder().dataset(dataset).query(query).context(cxt)
                .timeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS).build();
    }

    @Override
    protected QueryExecResult executeQuery(HttpAction action, QueryExec qe, Query query, String queryStringLog) {
        long limit = settings.resultLimit();
        try {
            BoundedAnswers.Answer answer;
            if (query.isSelectType()) {
                answer = BoundedAnswers.select(qe, limit, query.getLimit() > limit);
            } else if (query.isConstructType()) {
                answer = BoundedAnswers.construct(qe, query, limit);
            } else if (query.isDescribeType()) {
                answer = BoundedAnswers.describe(qe, limit);
            } else {
                return super.executeQuery(action, qe, query, queryStringLog);
            }
            answer.truncation().ifPresent(t -> action.setResponseHeader(Truncation.HEADER, t.header()));
            return answer.result();
        } catch (QueryCancelledException e) {
            throw e;
        } catch (QueryException e) {
            // Refused for its shape, or failing on its own terms (apf:str with nothing bound…).
            ServletOps.errorBadRequest(e.getMessage() != null ? e.getMessage() : "the query cannot be evaluated");
            return null;
        }
    }
}
