package fr.regie.server.bounds;

import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.op.Op1;
import org.apache.jena.sparql.algebra.op.Op2;
import org.apache.jena.sparql.algebra.op.OpExtendAssign;
import org.apache.jena.sparql.algebra.op.OpFilter;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.op.OpLeftJoin;
import org.apache.jena.sparql.algebra.op.OpN;
import org.apache.jena.sparql.algebra.op.OpOrder;
import org.apache.jena.sparql.algebra.op.OpPath;
import org.apache.jena.sparql.algebra.op.OpTopN;
import org.apache.jena.sparql.core.VarExprList;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprFunction;
import org.apache.jena.sparql.expr.ExprFunctionOp;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.path.P_Path1;
import org.apache.jena.sparql.path.P_Path2;
import org.apache.jena.sparql.path.Path;
import org.apache.jena.sparql.syntax.Element;
import org.apache.jena.sparql.syntax.Element1;
import org.apache.jena.sparql.syntax.ElementBind;
import org.apache.jena.sparql.syntax.ElementFilter;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementLateral;
import org.apache.jena.sparql.syntax.ElementMinus;
import org.apache.jena.sparql.syntax.ElementNamedGraph;
import org.apache.jena.sparql.syntax.ElementOptional;
import org.apache.jena.sparql.syntax.ElementService;
import org.apache.jena.sparql.syntax.ElementSubQuery;
import org.apache.jena.sparql.syntax.ElementUnion;

/**
 * How deeply a query nests, measured twice: on its syntax (groups in groups, sub-queries,
 * EXISTS) and on its algebra, where every operator, expression and property path step counts a
 * level, so that a long chain of UNION arms, OPTIONALs or BINDs counts as much as explicit
 * nesting (Jena builds both as the same left-deep tree). Jena walks these trees recursively,
 * parsing, printing, optimizing and evaluating; past some thousands of levels its thread's
 * stack overflows. The walks here stop at the limit, so they cannot overflow themselves.
 */
final class QueryDepth {
    private final int max;

    private QueryDepth(int max) {
        this.max = max;
    }

    /** @throws QueryTooComplexException if the query nests more than {@code max} levels */
    static void check(Query query, int max) {
        QueryDepth walk = new QueryDepth(max);
        walk.query(query, 1);
        Op op;
        try {
            op = Algebra.compile(query);
        } catch (StackOverflowError e) {
            throw tooDeep(max);
        }
        walk.op(op, 1);
    }

    private static QueryTooComplexException tooDeep(int max) {
        return new QueryTooComplexException("the query nests more than " + max
                + " levels (groups, UNION arms, OPTIONALs, BINDs, sub-queries, expression terms or path steps); split it up");
    }

    private void enter(int depth) {
        if (depth > max) {
            throw tooDeep(max);
        }
    }

    private void query(Query q, int depth) {
        enter(depth);
        if (q.getQueryPattern() != null) {
            element(q.getQueryPattern(), depth + 1);
        }
        if (q.hasHaving()) {
            q.getHavingExprs().forEach(e -> expr(e, depth + 1));
        }
    }

    private void element(Element el, int depth) {
        enter(depth);
        switch (el) {
            case ElementGroup g -> g.getElements().forEach(e -> element(e, depth + 1));
            case ElementUnion u -> u.getElements().forEach(e -> element(e, depth + 1));
            case Element1 e -> element(e.getElement(), depth + 1);
            case ElementOptional o -> element(o.getOptionalElement(), depth + 1);
            case ElementMinus m -> element(m.getMinusElement(), depth + 1);
            case ElementNamedGraph g -> element(g.getElement(), depth + 1);
            case ElementService s -> element(s.getElement(), depth + 1);
            case ElementLateral l -> element(l.getLateralElement(), depth + 1);
            case ElementSubQuery s -> query(s.getQuery(), depth + 1);
            case ElementFilter f -> expr(f.getExpr(), depth + 1);
            case ElementBind b -> expr(b.getExpr(), depth + 1);
            case null, default -> { }
        }
    }

    private void op(Op op, int depth) {
        enter(depth);
        switch (op) {
            case Op1 o -> {
                exprsOf(o, depth + 1);
                op(o.getSubOp(), depth + 1);
            }
            case Op2 o -> {
                if (o instanceof OpLeftJoin lj) {
                    exprs(lj.getExprs(), depth + 1);
                }
                op(o.getLeft(), depth + 1);
                op(o.getRight(), depth + 1);
            }
            case OpN o -> o.getElements().forEach(e -> op(e, depth + 1));
            case OpPath p -> path(p.getTriplePath().getPath(), depth + 1);
            default -> { }
        }
    }

    private void exprsOf(Op1 o, int depth) {
        switch (o) {
            case OpFilter f -> exprs(f.getExprs(), depth);
            case OpExtendAssign e -> vars(e.getVarExprList(), depth);
            case OpOrder ord -> ord.getConditions().forEach(c -> expr(c.getExpression(), depth));
            case OpTopN top -> top.getConditions().forEach(c -> expr(c.getExpression(), depth));
            case OpGroup g -> {
                vars(g.getGroupVars(), depth);
                g.getAggregators().forEach(a -> expr(a, depth));
            }
            default -> { }
        }
    }

    private void vars(VarExprList vars, int depth) {
        if (vars != null) {
            vars.getExprs().values().forEach(e -> expr(e, depth));
        }
    }

    private void exprs(ExprList list, int depth) {
        if (list != null) {
            list.forEach(e -> expr(e, depth));
        }
    }

    private void expr(Expr e, int depth) {
        enter(depth);
        switch (e) {
            case ExprFunctionOp f -> {
                f.getArgs().forEach(a -> expr(a, depth + 1));
                // The algebra's EXISTS has its pattern compiled; the syntax's only has the element.
                if (f.getGraphPattern() != null) {
                    op(f.getGraphPattern(), depth + 1);
                } else {
                    element(f.getElement(), depth + 1);
                }
            }
            case ExprFunction f -> f.getArgs().forEach(a -> expr(a, depth + 1));
            case ExprAggregator a -> exprs(a.getAggregator().getExprList(), depth + 1);
            case null, default -> { }
        }
    }

    private void path(Path p, int depth) {
        enter(depth);
        switch (p) {
            case P_Path1 p1 -> path(p1.getSubPath(), depth + 1);
            case P_Path2 p2 -> {
                path(p2.getLeft(), depth + 1);
                path(p2.getRight(), depth + 1);
            }
            default -> { }
        }
    }
}
