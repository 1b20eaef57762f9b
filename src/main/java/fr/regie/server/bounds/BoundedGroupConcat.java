package fr.regie.server.bounds;

import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.aggregate.Accumulator;
import org.apache.jena.sparql.expr.aggregate.AccumulatorExpr;
import org.apache.jena.sparql.expr.aggregate.AggGroupConcat;
import org.apache.jena.sparql.expr.aggregate.AggGroupConcatDistinct;
import org.apache.jena.sparql.expr.aggregate.Aggregator;
import org.apache.jena.sparql.function.FunctionEnv;

/**
 * GROUP_CONCAT (and GROUP_CONCAT DISTINCT) that refuses to build a string past
 * {@link ValueBounds#MAX_STRING}: a group can take rows for as long as the timeout allows, and
 * kept every value in memory.
 */
final class BoundedGroupConcat {
    private BoundedGroupConcat() {}

    /** The bounded form of a GROUP_CONCAT aggregator; any other aggregator unchanged. */
    static Aggregator of(Aggregator agg) {
        return switch (agg) {
            case Plain p -> p;
            case Distinct d -> d;
            case AggGroupConcat a -> new Plain(a.getExprList().get(0), a.getSeparator());
            case AggGroupConcatDistinct a -> new Distinct(a.getExprList().get(0), a.getSeparator());
            default -> agg;
        };
    }

    private static String effective(String separator) {
        return separator == null ? " " : separator;
    }

    private static final class Plain extends AggGroupConcat {
        Plain(Expr expr, String separator) {
            super(expr, separator);
        }

        @Override
        public Accumulator createAccumulator() {
            return new Acc(getExpr(), false, effective(getSeparator()));
        }

        @Override
        public Aggregator copy(ExprList exprs) {
            return new Plain(exprs.get(0), getSeparator());
        }
    }

    private static final class Distinct extends AggGroupConcatDistinct {
        Distinct(Expr expr, String separator) {
            super(expr, separator);
        }

        @Override
        public Accumulator createAccumulator() {
            return new Acc(getExpr(), true, effective(getSeparator()));
        }

        @Override
        public Aggregator copy(ExprList exprs) {
            return new Distinct(exprs.get(0), getSeparator());
        }
    }

    /** Jena's GROUP_CONCAT accumulator, with the check before each append. */
    private static final class Acc extends AccumulatorExpr {
        private final StringBuilder sofar = new StringBuilder();
        private final String separator;
        private boolean first = true;

        Acc(Expr expr, boolean distinct, String separator) {
            super(expr, distinct);
            this.separator = separator;
        }

        @Override
        protected void accumulate(NodeValue nv, Binding binding, FunctionEnv env) {
            String s = nv.asString();
            ValueBounds.checkString("GROUP_CONCAT", (long) sofar.length() + separator.length() + s.length());
            if (!first) {
                sofar.append(separator);
            }
            sofar.append(s);
            first = false;
        }

        @Override
        protected void accumulateError(Binding binding, FunctionEnv env) {}

        @Override
        public NodeValue getAccValue() {
            return NodeValue.makeString(sofar.toString());
        }
    }
}
