package fr.regie.server.tap;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.TriplePath;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.core.VarExprList;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.expr.*;
import org.apache.jena.sparql.expr.aggregate.*;
import org.apache.jena.sparql.syntax.*;

import fr.regie.server.http.JsonLdContext;

/**
 * The JSON type of each column of a SELECT tap's rows, as {@link TapOutput#value} writes them,
 * read from the query itself: a parameter's type, a subject or a graph name (an IRI), the object
 * of a property the JSON-LD context coerces ({@code @id}, {@code xsd:integer}…) or names without
 * coercion (a string), a constant, a cast, an aggregate ({@code COUNT} an integer, {@code SUM} of
 * integers an integer), a string or numeric function. A column whose values could be of more
 * than one kind is {@link Kind#ANY}: the description never promises what the rows may break.
 */
final class RowTypes {
    /** What a column holds. */
    enum Kind {
        IRI, INTEGER, NUMBER, BOOLEAN, STRING, ANY;

        Kind or(Kind other) {
            if (other == null || other == this) {
                return this;
            }
            if ((this == INTEGER || this == NUMBER) && (other == INTEGER || other == NUMBER)) {
                return NUMBER;
            }
            return ANY;
        }

        boolean numeric() {
            return this == INTEGER || this == NUMBER;
        }
    }

    private final Map<Var, Kind> kinds = new HashMap<>();
    private final JsonLdContext context;
    private final Map<Var, Kind> fixed = new HashMap<>();

    private RowTypes(JsonLdContext context) {
        this.context = context;
    }

    /** The kind of each projected variable of a SELECT tap, in order. */
    static Map<String, Kind> of(Tap tap, JsonLdContext context) {
        RowTypes t = new RowTypes(context);
        for (TapParam p : tap.params()) {
            t.fixed.put(Var.alloc(p.name()), switch (p.type()) {
                case IRI -> Kind.IRI;
                case INTEGER -> Kind.INTEGER;
                case DECIMAL -> Kind.NUMBER;
                case BOOLEAN -> Kind.BOOLEAN;
                default -> Kind.STRING;
            });
        }
        return t.projection(tap.query());
    }

    private Map<String, Kind> projection(Query q) {
        // Bindings may refer to variables bound further down: read the pattern until nothing changes.
        for (int i = 0; i < 4; i++) {
            Map<Var, Kind> before = new HashMap<>(kinds);
            kinds.clear();
            kinds.putAll(fixed);
            Map<Var, Kind> previous = before;
            element(q.getQueryPattern(), previous);
            if (kinds.equals(before)) {
                break;
            }
        }
        Map<String, Kind> out = new LinkedHashMap<>();
        VarExprList project = q.getProject();
        for (Var v : project.getVars()) {
            Expr e = project.getExpr(v);
            Kind k = e == null ? kinds.get(v) : expr(e);
            out.put(v.getVarName(), k == null ? Kind.ANY : k);
        }
        return out;
    }

    private void put(Var v, Kind k) {
        if (fixed.containsKey(v)) {
            return;
        }
        kinds.merge(v, k, Kind::or);
    }

    private void element(Element e, Map<Var, Kind> previous) {
        if (e == null) {
            return;
        }
        switch (e) {
            case ElementGroup g -> g.getElements().forEach(x -> element(x, previous));
            case ElementPathBlock b -> b.getPattern().forEach(this::triple);
            case ElementTriplesBlock b -> b.getPattern().forEach(t -> triple(new TriplePath(t)));
            case ElementOptional o -> element(o.getOptionalElement(), previous);
            case ElementUnion u -> u.getElements().forEach(x -> element(x, previous));
            case ElementNamedGraph n -> {
                if (n.getGraphNameNode().isVariable()) {
                    put(Var.alloc(n.getGraphNameNode()), Kind.IRI);
                }
                element(n.getElement(), previous);
            }
            case ElementBind b -> {
                Kind k = exprWith(b.getExpr(), previous);
                put(b.getVar(), k == null ? Kind.ANY : k);
            }
            case ElementData d -> {
                for (Binding row : d.getRows()) {
                    for (Var v : d.getVars()) {
                        Node n = row.get(v);
                        if (n != null) {
                            put(v, node(n));
                        }
                    }
                }
            }
            case ElementSubQuery s -> {
                RowTypes inner = new RowTypes(context);
                inner.fixed.putAll(fixed);
                inner.projection(s.getQuery()).forEach((name, k) -> put(Var.alloc(name), k));
            }
            default -> {
                // FILTER, MINUS, EXISTS, SERVICE: they bind nothing the rows show.
            }
        }
    }

    private void triple(TriplePath t) {
        if (t.getSubject().isVariable()) {
            put(Var.alloc(t.getSubject()), Kind.IRI);
        }
        Node p = t.getPredicate();
        if (p != null && p.isVariable()) {
            put(Var.alloc(p), Kind.IRI);
        }
        if (t.getObject().isVariable()) {
            Kind k = Kind.ANY;
            if (p != null && p.isURI()) {
                k = property(p.getURI());
            } else if (t.getPath() instanceof org.apache.jena.sparql.path.P_Seq seq && seq.getRight() instanceof org.apache.jena.sparql.path.P_Link last) {
                // A sequence path ends with the property whose values the object takes (geo:hasGeometry/geo:asWKT).
                k = property(last.getNode().getURI());
            }
            put(Var.alloc(t.getObject()), k);
        } else if (t.getObject().isBlank()) {
            return;
        }
    }

    /** The kind of the values of a property, as the context declares it. */
    private Kind property(String iri) {
        if (iri.equals(org.apache.jena.vocabulary.RDF.type.getURI())) {
            return Kind.IRI;
        }
        List<JsonLdContext.Term> terms = context == null ? List.of() : context.terms(iri);
        Kind k = null;
        for (JsonLdContext.Term t : terms) {
            Kind tk = t.type() == null ? Kind.STRING : t.type().equals("@id") ? Kind.IRI : datatype(t.type());
            k = k == null ? tk : k.or(tk);
        }
        return k == null ? Kind.ANY : k;
    }

    private static Kind datatype(String iri) {
        if (iri == null) {
            return Kind.STRING;
        }
        if (iri.equals(XSDDatatype.XSDboolean.getURI())) {
            return Kind.BOOLEAN;
        }
        String local = iri.startsWith(XSDDatatype.XSD + "#") ? iri.substring(XSDDatatype.XSD.length() + 1) : null;
        if (local == null) {
            return Kind.STRING;
        }
        if (local.equals("decimal") || local.equals("double") || local.equals("float")) {
            return Kind.NUMBER;
        }
        if (local.matches("integer|int|long|short|byte|(non)?(Positive|Negative)Integer|nonNegativeInteger|positiveInteger|negativeInteger|nonPositiveInteger|unsigned(Int|Long|Short|Byte)")) {
            return Kind.INTEGER;
        }
        return Kind.STRING;
    }

    private static Kind node(Node n) {
        if (n.isURI() || n.isBlank()) {
            return Kind.IRI;
        }
        if (n.isLiteral()) {
            return datatype(n.getLiteralDatatypeURI());
        }
        return Kind.ANY;
    }

    private Kind expr(Expr e) {
        return exprWith(e, kinds);
    }

    private Kind exprWith(Expr e, Map<Var, Kind> vars) {
        Kind k = exprKind(e, vars);
        return k == null ? Kind.ANY : k;
    }

    private Kind exprKind(Expr e, Map<Var, Kind> vars) {
        if (e instanceof ExprVar v) {
            Kind k = fixed.containsKey(v.asVar()) ? fixed.get(v.asVar()) : vars.get(v.asVar());
            return k == null ? kinds.get(v.asVar()) : k;
        }
        if (e instanceof NodeValue nv) {
            return node(nv.asNode());
        }
        if (e instanceof ExprAggregator a) {
            Aggregator agg = a.getAggregator();
            Expr arg = agg.getExprList() == null || agg.getExprList().isEmpty() ? null : agg.getExprList().get(0);
            Kind inner = arg == null ? null : exprWith(arg, vars);
            return switch (agg) {
                case AggCount c -> Kind.INTEGER;
                case AggCountVar c -> Kind.INTEGER;
                case AggCountDistinct c -> Kind.INTEGER;
                case AggCountVarDistinct c -> Kind.INTEGER;
                case AggSum s -> inner != null && inner.numeric() ? inner : Kind.ANY;
                case AggSumDistinct s -> inner != null && inner.numeric() ? inner : Kind.ANY;
                case AggAvg s -> inner != null && inner.numeric() ? Kind.NUMBER : Kind.ANY;
                case AggAvgDistinct s -> inner != null && inner.numeric() ? Kind.NUMBER : Kind.ANY;
                case AggMin m -> inner;
                case AggMax m -> inner;
                case AggMinDistinct m -> inner;
                case AggMaxDistinct m -> inner;
                case AggSample s -> inner;
                case AggGroupConcat g -> Kind.STRING;
                case AggGroupConcatDistinct g -> Kind.STRING;
                default -> Kind.ANY;
            };
        }
        if (e instanceof E_Function f) {
            return f.getFunctionIRI().startsWith(XSDDatatype.XSD + "#") ? datatype(f.getFunctionIRI()) : Kind.ANY;
        }
        if (e instanceof E_Coalesce c) {
            Kind k = null;
            for (Expr x : c.getArgs()) {
                Kind xk = exprWith(x, vars);
                k = k == null ? xk : k.or(xk);
            }
            return k;
        }
        if (e instanceof E_If c) {
            return exprWith(c.getArg2(), vars).or(exprWith(c.getArg3(), vars));
        }
        if (e instanceof E_Add || e instanceof E_Subtract || e instanceof E_Multiply) {
            ExprFunction2 f = (ExprFunction2) e;
            Kind a = exprWith(f.getArg1(), vars);
            Kind b = exprWith(f.getArg2(), vars);
            return a.numeric() && b.numeric() ? a.or(b) : Kind.ANY;
        }
        if (e instanceof E_Divide d) {
            return exprWith(d.getArg1(), vars).numeric() && exprWith(d.getArg2(), vars).numeric() ? Kind.NUMBER : Kind.ANY;
        }
        if (e instanceof E_NumRound || e instanceof E_NumAbs || e instanceof E_NumCeiling || e instanceof E_NumFloor
                || e instanceof E_UnaryMinus || e instanceof E_UnaryPlus) {
            Kind a = exprWith(((ExprFunction1) e).getArg(), vars);
            return a.numeric() ? a : Kind.ANY;
        }
        if (e instanceof E_StrLength || e instanceof E_DateTimeYear || e instanceof E_DateTimeMonth || e instanceof E_DateTimeDay
                || e instanceof E_DateTimeHours || e instanceof E_DateTimeMinutes) {
            return Kind.INTEGER;
        }
        if (e instanceof E_Str || e instanceof E_StrAfter || e instanceof E_StrBefore || e instanceof E_StrConcat
                || e instanceof E_StrLowerCase || e instanceof E_StrUpperCase || e instanceof E_StrSubstring || e instanceof E_StrReplace
                || e instanceof E_StrEncodeForURI || e instanceof E_Lang || e instanceof E_StrUUID || e instanceof E_MD5
                || e instanceof E_SHA1 || e instanceof E_SHA256 || e instanceof E_SHA512) {
            return Kind.STRING;
        }
        if (e instanceof E_IRI || e instanceof E_URI || e instanceof E_BNode || e instanceof E_Datatype || e instanceof E_UUID) {
            return Kind.IRI;
        }
        if (e instanceof ExprFunction2 && (e instanceof E_Equals || e instanceof E_NotEquals || e instanceof E_LessThan
                || e instanceof E_LessThanOrEqual || e instanceof E_GreaterThan || e instanceof E_GreaterThanOrEqual
                || e instanceof E_LogicalAnd || e instanceof E_LogicalOr || e instanceof E_StrContains || e instanceof E_StrStartsWith
                || e instanceof E_StrEndsWith || e instanceof E_SameTerm || e instanceof E_LangMatches)
                || e instanceof E_LogicalNot || e instanceof E_Bound || e instanceof E_IsIRI || e instanceof E_IsURI
                || e instanceof E_IsBlank || e instanceof E_IsLiteral || e instanceof E_IsNumeric || e instanceof E_Regex
                || e instanceof E_Exists || e instanceof E_NotExists || e instanceof E_OneOf || e instanceof E_NotOneOf) {
            return Kind.BOOLEAN;
        }
        return Kind.ANY;
    }
}
