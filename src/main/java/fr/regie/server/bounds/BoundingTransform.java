package fr.regie.server.bounds;

import java.util.List;

import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.expr.E_Multiply;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.E_StrConcat;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprFunction2;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprTransformCopy;

/**
 * Rewrites a query's algebra so that every operator that could outrun its query is its bounded
 * form, wherever it occurs (filters, binds, projections, groups, orders, patterns inside
 * EXISTS): REGEX and REPLACE become cancellable, CONCAT, {@code *} and GROUP_CONCAT check the
 * size of what they build ({@link ValueBounds}). It runs before Jena's optimizer, whose
 * constant folding would otherwise do some of that work at once, before the query even has a
 * timeout to stop it.
 */
final class BoundingTransform extends ExprTransformCopy {
    static Op apply(Op op) {
        return Transformer.transform(new Aggregates(), new BoundingTransform(), op);
    }

    @Override
    public Expr transform(ExprFunctionN func, ExprList args) {
        if (func instanceof E_Regex && !(func instanceof CancellableRegexExpr)) {
            return new CancellableRegexExpr(args.get(0), args.get(1), args.size() > 2 ? args.get(2) : null);
        }
        if (func instanceof E_StrReplace && !(func instanceof CancellableReplaceExpr)) {
            return new CancellableReplaceExpr(args.get(0), args.get(1), args.get(2), args.size() > 3 ? args.get(3) : null);
        }
        if (func instanceof E_StrConcat && !(func instanceof BoundedConcat)) {
            return new BoundedConcat(args);
        }
        return super.transform(func, args);
    }

    @Override
    public Expr transform(ExprFunction2 func, Expr left, Expr right) {
        if (func instanceof E_Multiply && !(func instanceof BoundedMultiply)) {
            return new BoundedMultiply(left, right);
        }
        return super.transform(func, left, right);
    }

    /** GROUP_CONCAT lives in the group operator's aggregators, not in an expression. */
    private static final class Aggregates extends TransformCopy {
        @Override
        public Op transform(OpGroup group, Op sub) {
            List<ExprAggregator> aggs = group.getAggregators().stream()
                    .map(a -> new ExprAggregator(a.getVar(), BoundedGroupConcat.of(a.getAggregator()))).toList();
            return OpGroup.create(sub, group.getGroupVars(), aggs);
        }
    }
}
