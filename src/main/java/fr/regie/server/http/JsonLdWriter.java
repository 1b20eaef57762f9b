package fr.regie.server.http;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.vocabulary.RDF;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes triples as compacted JSON-LD with Régie's context, referenced by URL rather than
 * inlined, without a JSON-LD processor: each property takes the first term of the context whose
 * coercion fits all its values (else a compact IRI), values coerced by the term are plain
 * strings, blank nodes referenced once are embedded. One top-level node gives a single node
 * object; several give {@code @graph}. The result expands to exactly the input triples.
 */
public final class JsonLdWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern CANONICAL_INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
    private static final String XSD_STRING = XSDDatatype.XSDstring.getURI();
    private static final String XSD_INTEGER = XSDDatatype.XSDinteger.getURI();
    private static final String XSD_BOOLEAN = XSDDatatype.XSDboolean.getURI();
    private static final String LANG_STRING = RDF.langString.getURI();

    private final JsonLdContext context;

    public JsonLdWriter(JsonLdContext context) {
        this.context = context;
    }

    /** Writes {@code triples} with {@code "@context": contextUrl}. */
    public void write(List<Triple> triples, String contextUrl, OutputStream out) throws IOException {
        JSON.writeValue(out, document(triples, contextUrl));
    }

    /** The document of {@code triples} with {@code "@context": contextUrl}: one node alone, several in {@code @graph}. */
    public ObjectNode document(List<Triple> triples, String contextUrl) {
        return document(triples, F.textNode(contextUrl), false);
    }

    /**
     * The document of {@code triples} with {@code contextValue} as its {@code @context} (a URL, or
     * the context itself inlined); with {@code alwaysGraph}, the nodes are in {@code @graph} even
     * when there is one (apps read one shape).
     */
    public ObjectNode document(List<Triple> triples, JsonNode contextValue, boolean alwaysGraph) {
        Map<Node, List<Triple>> bySubject = new LinkedHashMap<>();
        Map<Node, Integer> references = new HashMap<>();
        for (Triple t : triples) {
            bySubject.computeIfAbsent(t.getSubject(), k -> new ArrayList<>()).add(t);
            if (t.getObject().isBlank()) {
                references.merge(t.getObject(), 1, Integer::sum);
            }
        }
        Nodes nodes = new Nodes(bySubject, references);
        List<ObjectNode> top = new ArrayList<>();
        for (Node s : bySubject.keySet()) {
            if (!nodes.embeddable(s)) {
                top.add(nodes.object(s));
            }
        }
        ObjectNode doc = F.objectNode();
        doc.set("@context", contextValue);
        if (top.size() == 1 && !alwaysGraph) {
            doc.setAll(top.get(0));
        } else {
            doc.putArray("@graph").addAll(top);
        }
        return doc;
    }

    /** The node objects of one document, and blank node labels. */
    private final class Nodes {
        private final Map<Node, List<Triple>> bySubject;
        private final Map<Node, Integer> references;
        private final Map<Node, String> labels = new HashMap<>();

        Nodes(Map<Node, List<Triple>> bySubject, Map<Node, Integer> references) {
            this.bySubject = bySubject;
            this.references = references;
        }

        /** A blank node referenced once, and not by itself, is written inside its referrer. */
        boolean embeddable(Node n) {
            return n.isBlank() && references.getOrDefault(n, 0) == 1
                    && bySubject.getOrDefault(n, List.of()).stream().noneMatch(t -> t.getObject().equals(n));
        }

        String id(Node n) {
            return n.isBlank() ? labels.computeIfAbsent(n, k -> "_:b" + labels.size()) : n.getURI();
        }

        ObjectNode object(Node s) {
            ObjectNode o = F.objectNode();
            if (!s.isBlank() || !embeddable(s)) {
                o.put(context.idKey(), id(s));
            }
            Map<Node, List<Node>> byProperty = new LinkedHashMap<>();
            for (Triple t : bySubject.getOrDefault(s, List.of())) {
                byProperty.computeIfAbsent(t.getPredicate(), k -> new ArrayList<>()).add(t.getObject());
            }
            List<Node> types = byProperty.remove(RDF.type.asNode());
            if (types != null) {
                if (types.size() == 1) {
                    o.put(context.typeKey(), typeName(types.get(0)));
                } else {
                    ArrayNode a = o.putArray(context.typeKey());
                    types.forEach(t -> a.add(typeName(t)));
                }
            }
            byProperty.forEach((p, values) -> property(o, p.getURI(), values));
            return o;
        }

        private String typeName(Node t) {
            return t.isURI() ? context.compactVocab(t.getURI()) : id(t);
        }

        private void property(ObjectNode o, String iri, List<Node> values) {
            JsonLdContext.Term term = null;
            for (JsonLdContext.Term t : context.terms(iri)) {
                if (values.stream().allMatch(v -> fits(t, v))) {
                    term = t;
                    break;
                }
            }
            String key = term != null ? term.name() : context.compactIri(iri).orElse(iri);
            List<JsonNode> out = new ArrayList<>(values.size());
            for (Node v : values) {
                out.add(value(term, v));
            }
            if (out.size() == 1 && (term == null || !term.set())) {
                o.set(key, out.get(0));
            } else {
                o.putArray(key).addAll(out);
            }
        }

        private boolean fits(JsonLdContext.Term t, Node v) {
            if (t.type() == null) {
                return true;
            }
            if (t.type().equals("@id")) {
                return v.isURI() || v.isBlank();
            }
            return v.isLiteral() && t.type().equals(v.getLiteralDatatypeURI()) && v.getLiteralLanguage().isEmpty();
        }

        private JsonNode value(JsonLdContext.Term term, Node v) {
            if (v.isBlank() && embeddable(v)) {
                return object(v);
            }
            boolean coerced = term != null && term.type() != null;
            if (v.isURI() || v.isBlank()) {
                return coerced ? F.textNode(id(v)) : F.objectNode().put(context.idKey(), id(v));
            }
            String lex = v.getLiteralLexicalForm();
            if (coerced) {
                // A term coerced to xsd:integer or xsd:boolean takes a JSON number or boolean, which
                // expands to the same literal when its form is canonical (JSON-LD 1.1, 8.6 step 10);
                // decimals stay strings (a JSON number would come back as a double's form).
                if (XSD_INTEGER.equals(term.type()) && XSD_INTEGER.equals(v.getLiteralDatatypeURI()) && CANONICAL_INTEGER.matcher(lex).matches()) {
                    return F.numberNode(new BigInteger(lex));
                }
                if (XSD_BOOLEAN.equals(term.type()) && XSD_BOOLEAN.equals(v.getLiteralDatatypeURI()) && (lex.equals("true") || lex.equals("false"))) {
                    return F.booleanNode(lex.equals("true"));
                }
                return F.textNode(lex);
            }
            String dt = v.getLiteralDatatypeURI();
            if (!v.getLiteralLanguage().isEmpty() || LANG_STRING.equals(dt)) {
                return F.objectNode().put("@value", lex).put("@language", v.getLiteralLanguage());
            }
            if (XSD_STRING.equals(dt)) {
                return F.textNode(lex);
            }
            if (XSD_INTEGER.equals(dt) && CANONICAL_INTEGER.matcher(lex).matches()) {
                return F.numberNode(new BigInteger(lex));
            }
            if (XSD_BOOLEAN.equals(dt) && (lex.equals("true") || lex.equals("false"))) {
                return F.booleanNode(lex.equals("true"));
            }
            return F.objectNode().put("@value", lex).put("@type", context.compactVocab(dt));
        }
    }
}
