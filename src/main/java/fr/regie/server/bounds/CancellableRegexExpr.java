package fr.regie.server.bounds;

import java.util.List;
import java.util.regex.Pattern;

import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.nodevalue.NodeValueOps;
import org.apache.jena.sparql.function.FunctionEnv;

/**
 * SPARQL's REGEX, matched by {@link CancellableRegex}: same arguments, same answers, but it
 * stops when its query is cancelled. It stays an {@link E_Regex}, so it prints, compares and
 * optimizes as one.
 */
final class CancellableRegexExpr extends E_Regex {
    /** Compiled once when the pattern and flags are constants; null when they vary per solution. */
    private final Pattern constant;

    CancellableRegexExpr(Expr text, Expr pattern, Expr flags) {
        super(text, pattern, flags);
        constant = isString(pattern) && (flags == null || isString(flags))
                ? CancellableRegex.compile("REGEX", pattern.getConstant().getString(), flags == null ? null : flags.getConstant().getString())
                : null;
    }

    static boolean isString(Expr e) {
        return e.isConstant() && e.getConstant().isString();
    }

    @Override
    public NodeValue eval(List<NodeValue> args, FunctionEnv env) {
        String text = NodeValueOps.checkAndGetStringLiteral("REGEX", args.get(0)).getLiteralLexicalForm();
        Pattern p = constant != null ? constant : CancellableRegex.compile("REGEX", args.get(1), args.size() > 2 ? args.get(2) : null);
        return NodeValue.booleanReturn(CancellableRegex.find(p, text, CancellableRegex.signal(env)));
    }

    /**
     * Without an environment there is no query to stop with: refuse, so that constant folding
     * (which calls this while optimizing, before any timeout could help) leaves the match to
     * the execution.
     */
    @Override
    public NodeValue eval(List<NodeValue> args) {
        throw new ExprEvalException("REGEX is matched only while a query runs");
    }

    @Override
    public Expr copy(ExprList newArgs) {
        return new CancellableRegexExpr(newArgs.get(0), newArgs.get(1), newArgs.size() > 2 ? newArgs.get(2) : null);
    }
}
