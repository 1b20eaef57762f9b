package fr.regie.server.bounds;

import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.function.Function;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.sparql.util.Context;

/**
 * The regular expressions reached by IRI rather than keyword ({@code fn:matches},
 * {@code fn:replace} and their {@code sparql:} twins): each call becomes the keyword's
 * cancellable expression, built once from the call's arguments.
 */
final class CancellableRegexFunction implements Function {
    /** Which of the two a call is. */
    enum Kind { MATCHES, REPLACE }

    private final Kind kind;
    private Expr expr;

    CancellableRegexFunction(Kind kind) {
        this.kind = kind;
    }

    @Override
    public void build(String uri, ExprList args, Context context) {
        int n = args.size();
        if (kind == Kind.MATCHES && (n == 2 || n == 3)) {
            expr = new CancellableRegexExpr(args.get(0), args.get(1), n == 3 ? args.get(2) : null);
        } else if (kind == Kind.REPLACE && (n == 3 || n == 4)) {
            expr = new CancellableReplaceExpr(args.get(0), args.get(1), args.get(2), n == 4 ? args.get(3) : null);
        } else {
            throw new ExprEvalException(uri + ": wrong number of arguments (" + n + ")");
        }
    }

    @Override
    public NodeValue exec(Binding binding, ExprList args, String uri, FunctionEnv env) {
        return expr.eval(binding, env);
    }
}
