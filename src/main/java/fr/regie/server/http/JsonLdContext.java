package fr.regie.server.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.shared.PrefixMapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A JSON-LD context read once, for the one JSON-LD writer ({@link JsonLdWriter}): its prefixes,
 * its aliases of {@code @id} and {@code @type}, and its terms with their IRI, type coercion
 * ({@code @id} or a datatype) and {@code @set} container. Enough to compact without a JSON-LD
 * processor. A context using more than that (a default {@code @vocab}, {@code @base} or
 * {@code @language}, other containers, reverse or scoped terms, a list of contexts) is refused
 * when it is read, with what it uses and where, rather than compacted wrongly.
 */
public final class JsonLdContext {
    /** A term of the context. {@code type} is {@code "@id"}, a datatype IRI, or null. */
    public record Term(String name, String iri, String type, boolean set) {}

    private static final java.util.Set<String> ALLOWED_KEYWORDS = java.util.Set.of("@version", "@protected");
    private static final java.util.Set<String> ALLOWED_IN_TERM = java.util.Set.of("@id", "@type", "@container", "@protected");

    private final byte[] document;
    private final JsonNode context;
    private final Map<String, String> prefixes = new LinkedHashMap<>();
    private final Map<String, List<Term>> termsByIri = new HashMap<>();
    private final List<Map.Entry<String, String>> prefixesByLength;
    private String idKey = "@id";
    private String typeKey = "@type";

    private JsonLdContext(byte[] document, String source) throws IOException {
        this.document = document;
        JsonNode ctx = new ObjectMapper().readTree(document).get("@context");
        if (ctx == null || !ctx.isObject()) {
            throw new Unsupported(source, "the JSON-LD context must be one object under \"@context\"");
        }
        this.context = ctx;
        // Plain IRIs ending with / or # are prefixes: read them first, terms use them.
        for (Iterator<Map.Entry<String, JsonNode>> it = ctx.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String v = e.getValue().isTextual() ? e.getValue().asText() : null;
            if (!e.getKey().startsWith("@") && v != null && (v.endsWith("/") || v.endsWith("#")) && v.contains("://")) {
                prefixes.put(e.getKey(), v);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = ctx.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            JsonNode def = e.getValue();
            if (name.startsWith("@")) {
                if (!ALLOWED_KEYWORDS.contains(name)) {
                    throw unsupported(source, name);
                }
                continue;
            }
            if (prefixes.containsKey(name)) {
                continue;
            }
            if (def.isObject()) {
                for (Iterator<String> keys = def.fieldNames(); keys.hasNext(); ) {
                    String k = keys.next();
                    if (!ALLOWED_IN_TERM.contains(k)) {
                        throw unsupported(source, "\"" + name + "\": " + k);
                    }
                }
            } else if (!def.isTextual()) {
                throw unsupported(source, "\"" + name + "\" defined as " + def.getNodeType());
            }
            String id = def.isTextual() ? def.asText() : def.path("@id").asText(null);
            if (id == null) {
                throw unsupported(source, "\"" + name + "\" without @id");
            }
            if (id.equals("@id")) {
                idKey = name;
                continue;
            }
            if (id.equals("@type")) {
                typeKey = name;
                continue;
            }
            if (id.startsWith("@")) {
                throw unsupported(source, "\"" + name + "\": " + id);
            }
            String type = def.isObject() && def.has("@type") ? def.get("@type").asText() : null;
            if (type != null && type.startsWith("@") && !type.equals("@id")) {
                throw unsupported(source, "\"" + name + "\": @type " + type);
            }
            if (type != null && !type.startsWith("@")) {
                type = expand(type);
            }
            String container = def.isObject() ? def.path("@container").asText(null) : null;
            if (container != null && !container.equals("@set")) {
                throw unsupported(source, "\"" + name + "\": @container " + def.get("@container"));
            }
            Term t = new Term(name, expand(id), type, container != null);
            termsByIri.computeIfAbsent(t.iri(), k -> new ArrayList<>()).add(t);
        }
        prefixesByLength = prefixes.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getValue().length()).reversed()).toList();
    }

    /** A context the writer cannot take; {@code detail} says why, without the source. */
    public static final class Unsupported extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String detail;

        Unsupported(String source, String detail) {
            super(source + ": " + detail);
            this.detail = detail;
        }

        public String detail() {
            return detail;
        }
    }

    private static Unsupported unsupported(String source, String what) {
        return new Unsupported(source, "the JSON-LD context uses " + what
                + ", which Régie's writer does not support (it takes prefixes, terms with @id, @type and @container @set,"
                + " and aliases of @id and @type)");
    }

    /** A context document (JSON with a {@code @context} object); {@code source} names it in errors. */
    public static JsonLdContext of(byte[] document, String source) {
        try {
            return new JsonLdContext(document, source);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new Unsupported(source, "not JSON (line " + line + "): " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Régie's context ({@code ontology/context.jsonld}), from the class path. */
    public static JsonLdContext load() {
        try (var in = JsonLdContext.class.getClassLoader().getResourceAsStream("ontology/context.jsonld")) {
            if (in == null) {
                throw new IllegalStateException("ontology/context.jsonld is not on the class path");
            }
            return of(in.readAllBytes(), "ontology/context.jsonld");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The context document as published. */
    public byte[] document() {
        return document.clone();
    }

    /** The value of the document's {@code @context}, to inline in a document. */
    public JsonNode contextValue() {
        return context.deepCopy();
    }

    /** The key that stands for {@code @id} (an alias such as {@code id}, or {@code @id}). */
    String idKey() {
        return idKey;
    }

    /** The key that stands for {@code @type}. */
    String typeKey() {
        return typeKey;
    }

    /** A compact IRI ({@code prefix:local}) expanded with the context's prefixes; others unchanged. */
    public String expand(String value) {
        int colon = value.indexOf(':');
        if (colon > 0) {
            String p = prefixes.get(value.substring(0, colon));
            if (p != null) {
                return p + value.substring(colon + 1);
            }
        }
        return value;
    }

    /** The terms defined for a property or class IRI, in the order of the context. */
    public List<Term> terms(String iri) {
        return termsByIri.getOrDefault(iri, List.of());
    }

    /**
     * The shortest name of an IRI in a vocabulary position (a key, a type, a datatype): a term
     * without coercion, else a compact IRI, else the IRI itself.
     */
    public String compactVocab(String iri) {
        for (Term t : terms(iri)) {
            if (t.type() == null && !t.set()) {
                return t.name();
            }
        }
        return compactIri(iri).orElse(iri);
    }

    /** {@code prefix:local} for an IRI under one of the prefixes (the longest one). */
    public Optional<String> compactIri(String iri) {
        for (Map.Entry<String, String> e : prefixesByLength) {
            String ns = e.getValue();
            if (iri.length() > ns.length() && iri.startsWith(ns)) {
                String local = iri.substring(ns.length());
                if (!local.startsWith("//")) {
                    return Optional.of(e.getKey() + ":" + local);
                }
            }
        }
        return Optional.empty();
    }

    /** The context's prefixes for Jena's Turtle and RDF/XML writers. */
    public PrefixMapping prefixMapping() {
        PrefixMapping pm = PrefixMapping.Factory.create();
        prefixes.forEach(pm::setNsPrefix);
        return pm.lock();
    }
}
