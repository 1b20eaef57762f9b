package fr.regie.server.bounds;

import org.apache.jena.sparql.expr.E_Multiply;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.NodeValue;

/** SPARQL's {@code *}, refusing a product of integers or decimals past {@link ValueBounds#MAX_BITS}. */
final class BoundedMultiply extends E_Multiply {
    BoundedMultiply(Expr left, Expr right) {
        super(left, right);
    }

    @Override
    public NodeValue eval(NodeValue x, NodeValue y) {
        ValueBounds.checkBits("*", ValueBounds.bits(x) + ValueBounds.bits(y));
        return super.eval(x, y);
    }

    @Override
    public Expr copy(Expr e1, Expr e2) {
        return new BoundedMultiply(e1, e2);
    }
}
