package fr.regie.server.bounds;

import java.util.List;

import org.apache.jena.sparql.expr.E_StrConcat;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.NodeValue;

/** SPARQL's CONCAT, refusing to build a string past {@link ValueBounds#MAX_STRING}. */
final class BoundedConcat extends E_StrConcat {
    BoundedConcat(ExprList args) {
        super(args);
    }

    @Override
    public NodeValue eval(List<NodeValue> args) {
        ValueBounds.checkString("CONCAT", args.stream().mapToLong(ValueBounds::length).sum());
        return super.eval(args);
    }

    @Override
    public Expr copy(ExprList newArgs) {
        return new BoundedConcat(newArgs);
    }
}
