package fr.regie.server.bounds;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.Syntax;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.algebra.optimize.Optimize;
import org.apache.jena.sparql.algebra.optimize.Rewrite;
import org.apache.jena.sparql.algebra.optimize.RewriteFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.function.FunctionRegistry;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;
import org.apache.jena.sparql.util.Context;

/**
 * The bounds a Régie query runs within, put into its execution context so that every operator
 * honours the one cancel signal that ARQ's timeout sets (and that the server also sets when the
 * client has gone): REGEX, REPLACE, {@code fn:matches}, {@code fn:replace} and
 * {@code apf:strSplit} match on text that checks it ({@link CancellableText}); the operators that
 * can grow a value geometrically check its size before building it ({@link ValueBounds}); sorts
 * and DISTINCT spill to disk past {@link #SPILL_ROWS} rows instead of holding everything in
 * memory; no optimization step is exponential in the query's nesting. A query is also refused
 * before it runs when it nests deeper than {@link #MAX_DEPTH}.
 */
public final class QueryBounds {
    /**
     * Levels a query may nest. Real queries stay under a few dozen; Jena's recursive walks
     * overflow a request thread's stack somewhere past a thousand.
     */
    public static final int MAX_DEPTH = 250;
    /** Rows a sort or DISTINCT keeps in memory before spilling to disk. */
    public static final long SPILL_ROWS = 100_000;

    private QueryBounds() {}

    /**
     * A context for a query over this dataset, with the bounds and this cancel signal (setting
     * it stops the query, as a timeout does).
     */
    public static Context context(DatasetGraph dataset, AtomicBoolean cancel) {
        return install(Context.setupContextForDataset(ARQ.getContext(), dataset), cancel);
    }

    /** Puts the bounds and this cancel signal into a query's execution context (returned). */
    public static Context install(Context cxt, AtomicBoolean cancel) {
        cxt.set(ARQConstants.symCancelQuery, cancel);
        // The rewrite below runs as part of optimization: it must not be switched off.
        cxt.set(ARQ.optimization, true);
        RewriteFactory inner = cxt.get(ARQConstants.sysOptimizerFactory, Optimize.getFactory());
        cxt.set(ARQConstants.sysOptimizerFactory, (RewriteFactory) c -> {
            Rewrite optimizer = inner.create(c);
            return op -> optimizer.rewrite(BoundingTransform.apply(op));
        });
        // Jena's constant folding walks the pattern of each EXISTS twice, once per enclosing
        // EXISTS: 2^n for n nested ones (28 take 90 s), before any timeout can stop it. Folding
        // saves little; the cancellable regular expressions refuse it anyway.
        cxt.set(ARQ.optExprConstantFolding, false);
        FunctionRegistry.set(cxt, new BoundedFunctions());
        PropertyFunctionRegistry.set(cxt, new BoundedPropertyFunctions());
        cxt.set(ARQ.spillToDiskThreshold, SPILL_ROWS);
        return cxt;
    }

    /**
     * Parses a query as the SPARQL endpoint does (ARQ syntax) and checks its depth.
     *
     * @throws QueryTooComplexException if it nests too deeply (even for the parser itself)
     * @throws org.apache.jena.query.QueryParseException if it is not a query
     */
    public static Query parse(String text, String base) {
        Query q;
        try {
            q = QueryFactory.create(text, base, Syntax.syntaxARQ);
        } catch (StackOverflowError e) {
            throw tooDeepToRead();
        } catch (QueryParseException e) {
            // The parser reports some of its own stack overflows so, without a message.
            throw e.getCause() instanceof StackOverflowError ? tooDeepToRead() : e;
        }
        check(q);
        return q;
    }

    private static QueryTooComplexException tooDeepToRead() {
        return new QueryTooComplexException("the query nests too deeply to be read; split it up");
    }

    /** @throws QueryTooComplexException if the query nests more than {@link #MAX_DEPTH} levels */
    public static void check(Query query) {
        QueryDepth.check(query, MAX_DEPTH);
    }
}
