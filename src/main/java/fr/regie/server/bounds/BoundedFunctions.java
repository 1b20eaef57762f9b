package fr.regie.server.bounds;

import java.util.Iterator;

import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.function.Function;
import org.apache.jena.sparql.function.FunctionFactory;
import org.apache.jena.sparql.function.FunctionRegistry;
import org.apache.jena.sparql.function.library.FN_Matches;
import org.apache.jena.sparql.function.library.FN_StrConcat;
import org.apache.jena.sparql.function.library.FN_StrReplace;
import org.apache.jena.sparql.function.library.Math_pow;

/**
 * The functions a query may call by IRI, as Jena's registry has them, except that those
 * matching a regular expression ({@code fn:matches}, {@code fn:replace}, {@code sparql:regex},
 * {@code sparql:replace}, and any other IRI that loads their classes) are the cancellable ones,
 * and those that can grow a value geometrically ({@code fn:concat}, {@code sparql:concat},
 * {@code math:pow}) check its size first.
 * Put in a query's context, it is consulted instead of the global registry, which it reads
 * through at each lookup (so functions registered later, like Régie's GeoSPARQL ones, are seen).
 */
final class BoundedFunctions extends FunctionRegistry {
    private static final String SPARQL_REGEX = ARQConstants.sparqlPrefix + "regex";
    private static final String SPARQL_REPLACE = ARQConstants.sparqlPrefix + "replace";
    private static final String SPARQL_CONCAT = ARQConstants.sparqlPrefix + "concat";

    @Override
    public FunctionFactory getFunctionFactory(String uri) {
        FunctionFactory f = FunctionRegistry.get().getFunctionFactory(uri);
        return f == null ? null : u -> bounded(u, f.create(u));
    }

    private static Function bounded(String uri, Function f) {
        if (f instanceof FN_Matches || uri.equals(SPARQL_REGEX)) {
            return new CancellableRegexFunction(CancellableRegexFunction.Kind.MATCHES);
        }
        if (f instanceof FN_StrReplace || uri.equals(SPARQL_REPLACE)) {
            return new CancellableRegexFunction(CancellableRegexFunction.Kind.REPLACE);
        }
        if (f instanceof FN_StrConcat) {
            return new BoundedValueFunctions.Concat(false);
        }
        if (uri.equals(SPARQL_CONCAT)) {
            return new BoundedValueFunctions.Concat(true);
        }
        if (f instanceof Math_pow && !(f instanceof BoundedValueFunctions.Pow)) {
            return new BoundedValueFunctions.Pow();
        }
        return f;
    }

    @Override
    public boolean isRegistered(String uri) {
        return FunctionRegistry.get().isRegistered(uri);
    }

    @Override
    public Iterator<String> keys() {
        return FunctionRegistry.get().keys();
    }
}
