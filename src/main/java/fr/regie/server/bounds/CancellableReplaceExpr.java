package fr.regie.server.bounds;

import java.util.List;
import java.util.regex.Pattern;

import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.RegexEngine;
import org.apache.jena.sparql.function.FunctionEnv;

/**
 * SPARQL's REPLACE, done by {@link CancellableRegex}: Jena's results, but it stops when its
 * query is cancelled and refuses to build a string past {@link ValueBounds#MAX_STRING}.
 */
final class CancellableReplaceExpr extends E_StrReplace {
    /** Compiled once when the pattern and flags are constants; null when they vary per solution. */
    private final Pattern constant;

    CancellableReplaceExpr(Expr text, Expr pattern, Expr replacement, Expr flags) {
        super(text, pattern, replacement, flags);
        constant = CancellableRegexExpr.isString(pattern) && (flags == null || CancellableRegexExpr.isString(flags))
                ? RegexEngine.makePattern("REPLACE", pattern.getConstant().getString(), flags == null ? null : flags.getConstant().getString())
                : null;
    }

    @Override
    public NodeValue eval(List<NodeValue> args, FunctionEnv env) {
        Pattern p = constant != null ? constant : CancellableRegex.compile("replace", args.get(1), args.size() > 3 ? args.get(3) : null);
        return CancellableRegex.replace(args.get(0), p, args.get(2), CancellableRegex.signal(env));
    }

    /** No query to stop with: leave the work to the execution (see {@link CancellableRegexExpr#eval(List)}). */
    @Override
    public NodeValue eval(List<NodeValue> args) {
        throw new ExprEvalException("REPLACE is done only while a query runs");
    }

    @Override
    public Expr copy(ExprList newArgs) {
        return new CancellableReplaceExpr(newArgs.get(0), newArgs.get(1), newArgs.get(2), newArgs.size() > 3 ? newArgs.get(3) : null);
    }
}
