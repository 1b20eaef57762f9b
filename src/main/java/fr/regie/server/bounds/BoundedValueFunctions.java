package fr.regie.server.bounds;

import java.math.BigInteger;
import java.util.List;

import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.nodevalue.XSDFuncOp;
import org.apache.jena.sparql.function.FunctionBase;
import org.apache.jena.sparql.function.library.Math_pow;

/** The functions by IRI that can grow a value geometrically, with {@link ValueBounds}' checks first. */
final class BoundedValueFunctions {
    private BoundedValueFunctions() {}

    /** {@code fn:concat}, or {@code sparql:concat} (CONCAT's rules for language tags). */
    static final class Concat extends FunctionBase {
        private final boolean sparql;

        Concat(boolean sparql) {
            this.sparql = sparql;
        }

        @Override
        public NodeValue exec(List<NodeValue> args) {
            ValueBounds.checkString("concat", args.stream().mapToLong(ValueBounds::length).sum());
            return sparql ? XSDFuncOp.strConcat(args) : XSDFuncOp.fnConcat(args);
        }

        @Override
        public void checkBuild(String uri, ExprList args) {}
    }

    /** {@code math:pow}: an integer to a positive integer power is an integer, and can be huge. */
    static final class Pow extends Math_pow {
        @Override
        public NodeValue exec(NodeValue base, NodeValue exponent) {
            if (base.isInteger() && exponent.isInteger() && !ValueBounds.isUnit(base.getInteger())) {
                long times = exponent.getInteger().min(BigInteger.valueOf(Integer.MAX_VALUE)).max(BigInteger.ZERO).longValue();
                ValueBounds.checkBits("math:pow", ValueBounds.bits(base) * times);
            }
            return super.exec(base, exponent);
        }
    }
}
