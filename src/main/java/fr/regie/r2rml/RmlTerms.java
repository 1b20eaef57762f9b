package fr.regie.r2rml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * Evaluates RML expressions and term maps on the current record (RML-Core §6). A reference may
 * give several values, so every evaluation gives a list: empty when a value is absent (no term,
 * no error), several for a multi-valued reference, and the cartesian product of the values of
 * a template's references.
 */
final class RmlTerms {
    /** More terms than this from one template on one record is a data error, not a plan. */
    static final int MAX_PRODUCT = 100_000;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The triples map, its base IRI and how data errors are handled, for one compiled term map. */
    record Context(String triplesMap, String baseIri, long freshSeed, Consumer<DataException> errors) {}

    private RmlTerms() {}

    /** The strings an expression gives, each with its natural datatype (null unless a bare reference). */
    static List<Records.Value> strings(RmlExpression e, Records rec, RmlTermType encodeFor, Context cx, Position at, long record) {
        return switch (e) {
            case RmlExpression.Constant c -> List.of(Records.Value.string(c.value().isURI() ? c.value().getURI()
                    : c.value().isLiteral() ? c.value().getLiteralLexicalForm() : c.value().getBlankNodeLabel()));
            case RmlExpression.Reference r -> rec.values(r.reference());
            case RmlExpression.Template t -> template(t.template(), rec, encodeFor, cx, at, record);
            case RmlExpression.Fresh f -> List.of(Records.Value.string(freshLabel(cx.freshSeed(), record)));
        };
    }

    private static List<Records.Value> template(RmlTemplate t, Records rec, RmlTermType encodeFor, Context cx, Position at, long record) {
        List<StringBuilder> acc = new ArrayList<>();
        acc.add(new StringBuilder());
        for (RmlTemplate.Segment s : t.segments()) {
            switch (s) {
                case RmlTemplate.Text text -> acc.forEach(b -> b.append(text.value()));
                case RmlTemplate.Ref ref -> {
                    List<Records.Value> vs = rec.values(ref.reference());
                    if (vs.isEmpty()) {
                        return List.of();
                    }
                    if ((long) acc.size() * vs.size() > MAX_PRODUCT) {
                        throw new DataException(at, cx.triplesMap(), record, rec.where() + ": the template \"" + t.text()
                                + "\" gives more than " + MAX_PRODUCT + " terms on one record");
                    }
                    List<StringBuilder> next = new ArrayList<>(acc.size() * vs.size());
                    for (StringBuilder b : acc) {
                        for (Records.Value v : vs) {
                            StringBuilder nb = new StringBuilder(b);
                            encode(nb, v.lexical(), encodeFor);
                            next.add(nb);
                        }
                    }
                    acc = next;
                }
            }
        }
        return acc.stream().map(b -> Records.Value.string(b.toString())).toList();
    }

    private static void encode(StringBuilder out, String v, RmlTermType type) {
        switch (type) {
            case IRI -> IriSafe.append(out, v);
            case URI -> {
                for (byte b : v.getBytes(StandardCharsets.UTF_8)) {
                    int c = b & 0xFF;
                    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                        out.append((char) c);
                    } else {
                        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    }
                }
            }
            default -> out.append(v);
        }
    }

    /** A blank node label for a term map without expression: the same record of the same map gives the same label. */
    static String freshLabel(long seed, long record) {
        long h = (seed ^ record) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 31;
        return "r" + Long.toHexString(seed) + "_" + record + "_" + Long.toHexString(h & 0xFFFF);
    }

    /** The terms a term map gives on the current record; a bad value is reported to the context and skipped. */
    static List<Node> terms(RmlTermMap map, Records rec, Context cx, long record) {
        if (map.expression() instanceof RmlExpression.Constant c) {
            return List.of(c.value());
        }
        List<Records.Value> values = strings(map.expression(), rec, map.termType(), cx, map.position(), record);
        if (values.isEmpty()) {
            return List.of();
        }
        List<Node> out = new ArrayList<>(values.size());
        switch (map.termType()) {
            case IRI, URI, UNSAFE_IRI -> {
                for (Records.Value v : values) {
                    Node n = map.termType() == RmlTermType.UNSAFE_IRI ? unsafeIri(v.lexical(), cx.baseIri()) : iri(v.lexical(), cx.baseIri());
                    if (n == null) {
                        cx.errors().accept(new DataException(map.position(), cx.triplesMap(), record, rec.where() + ": '"
                                + v.lexical() + "' (from " + describe(map.expression()) + ") does not make a valid IRI"));
                    } else {
                        out.add(n);
                    }
                }
            }
            case BLANK_NODE -> values.forEach(v -> out.add(NodeFactory.createBlankNode(v.lexical())));
            case LITERAL -> literals(map, values, rec, cx, record, out);
        }
        return out;
    }

    private static Node iri(String value, String base) {
        if (TermGenerator.isAbsoluteIri(value)) {
            return NodeFactory.createURI(value);
        }
        String resolved = base + value;
        return TermGenerator.isAbsoluteIri(resolved) ? NodeFactory.createURI(resolved) : null;
    }

    /** RML-Core's rml:UnsafeIRI: the value as it is (a scheme, else after the base IRI), unchecked by definition. */
    private static Node unsafeIri(String value, String base) {
        return NodeFactory.createURI(value.matches("[A-Za-z][A-Za-z0-9+.-]*:.*") ? value : base + value);
    }

    private static void literals(RmlTermMap map, List<Records.Value> values, Records rec, Context cx, long record, List<Node> out) {
        if (map.language().isPresent()) {
            List<Records.Value> langs = strings(map.language().get(), rec, RmlTermType.LITERAL, cx, map.position(), record);
            for (Records.Value lang : langs) {
                if (!MappingBuilder.isValidLanguageTag(lang.lexical())) {
                    cx.errors().accept(new DataException(map.position(), cx.triplesMap(), record, rec.where() + ": '"
                            + lang.lexical() + "' (from the language map) is not a valid BCP 47 language tag"));
                    continue;
                }
                values.forEach(v -> out.add(NodeFactory.createLiteralLang(v.lexical(), lang.lexical())));
            }
            return;
        }
        if (map.datatype().isPresent()) {
            List<Records.Value> types = strings(map.datatype().get(), rec, RmlTermType.IRI, cx, map.position(), record);
            for (Records.Value type : types) {
                Node iri = iri(type.lexical(), cx.baseIri());
                if (iri == null) {
                    cx.errors().accept(new DataException(map.position(), cx.triplesMap(), record, rec.where() + ": '"
                            + type.lexical() + "' (from the datatype map) is not an IRI"));
                    continue;
                }
                RDFDatatype dt = TypeMapper.getInstance().getSafeTypeByName(iri.getURI());
                for (Records.Value v : values) {
                    if (!dt.isValid(v.lexical())) {
                        cx.errors().accept(new DataException(map.position(), cx.triplesMap(), record, rec.where() + ": "
                                + describe(map.expression()) + " = '" + v.lexical() + "' is not a valid " + shortType(iri.getURI())
                                + " (the declared datatype)"));
                        continue;
                    }
                    out.add(NodeFactory.createLiteralDT(v.lexical(), dt));
                }
            }
            return;
        }
        boolean natural = map.expression() instanceof RmlExpression.Reference;
        for (Records.Value v : values) {
            out.add(natural && v.datatype() != null ? NodeFactory.createLiteralDT(v.lexical(), v.datatype())
                    : NodeFactory.createLiteralString(v.lexical()));
        }
    }

    static String shortType(String iri) {
        return iri.startsWith(XSDDatatype.XSD + "#") ? "xsd:" + iri.substring(XSDDatatype.XSD.length() + 1) : "<" + iri + ">";
    }

    /** How an expression is named in messages: the reference, the template or the constant. */
    static String describe(RmlExpression e) {
        return switch (e) {
            case RmlExpression.Constant c -> "the constant " + c.value();
            case RmlExpression.Reference r -> "reference \"" + r.reference() + "\"";
            case RmlExpression.Template t -> "template \"" + t.template().text() + "\"";
            case RmlExpression.Fresh f -> "a fresh blank node";
        };
    }
}
