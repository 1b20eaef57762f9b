package fr.regie.server.bounds;

import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprTransformCopy;

/**
 * Rewrites a query's algebra so that every REGEX and REPLACE (in filters, binds, projections,
 * groups, orders, and patterns inside EXISTS) is its cancellable form. It runs before Jena's
 * optimizer, whose constant folding would otherwise match a constant text against a constant
 * pattern right away, before the query even has a timeout to stop it.
 */
final class CancellableRegexTransform extends ExprTransformCopy {
    static Op apply(Op op) {
        return Transformer.transform(new TransformCopy(), new CancellableRegexTransform(), op);
    }

    @Override
    public Expr transform(ExprFunctionN func, ExprList args) {
        if (func instanceof E_Regex && !(func instanceof CancellableRegexExpr)) {
            return new CancellableRegexExpr(args.get(0), args.get(1), args.size() > 2 ? args.get(2) : null);
        }
        if (func instanceof E_StrReplace && !(func instanceof CancellableReplaceExpr)) {
            return new CancellableReplaceExpr(args.get(0), args.get(1), args.get(2), args.size() > 3 ? args.get(3) : null);
        }
        return super.transform(func, args);
    }
}
