package fr.regie.server.resource;

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
 * Régie's JSON-LD context ({@code ontology/context.jsonld}), read once: its prefixes, and its
 * terms with their IRI, type coercion ({@code @id} or a datatype) and {@code @set} container.
 * Enough to compact a description without a JSON-LD processor; the terms it cannot express (a
 * language map, {@code @vocab}) are not used by Régie's context and are not supported.
 */
final class JsonLdContext {
    /** A term of the context. {@code type} is {@code "@id"}, a datatype IRI, or null. */
    record Term(String name, String iri, String type, boolean set) {}

    private final byte[] document;
    private final Map<String, String> prefixes = new LinkedHashMap<>();
    private final Map<String, List<Term>> termsByIri = new HashMap<>();
    private final List<Map.Entry<String, String>> prefixesByLength;

    private JsonLdContext(byte[] document) throws IOException {
        this.document = document;
        JsonNode ctx = new ObjectMapper().readTree(document).get("@context");
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
            if (name.startsWith("@") || prefixes.containsKey(name)) {
                continue;
            }
            String id = def.isTextual() ? def.asText() : def.path("@id").asText(null);
            if (id == null || id.startsWith("@")) {
                continue; // keyword aliases (id, type)
            }
            String type = def.isObject() && def.has("@type") ? def.get("@type").asText() : null;
            if (type != null && !type.startsWith("@")) {
                type = expand(type);
            }
            boolean set = def.isObject() && "@set".equals(def.path("@container").asText());
            Term t = new Term(name, expand(id), type, set);
            termsByIri.computeIfAbsent(t.iri(), k -> new ArrayList<>()).add(t);
        }
        prefixesByLength = prefixes.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getValue().length()).reversed()).toList();
    }

    /** Régie's context, from the class path. */
    static JsonLdContext load() {
        try (var in = JsonLdContext.class.getClassLoader().getResourceAsStream("ontology/context.jsonld")) {
            if (in == null) {
                throw new IllegalStateException("ontology/context.jsonld is not on the class path");
            }
            return new JsonLdContext(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The context document as published. */
    byte[] document() {
        return document.clone();
    }

    /** A compact IRI ({@code prefix:local}) expanded with the context's prefixes; others unchanged. */
    String expand(String value) {
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
    List<Term> terms(String iri) {
        return termsByIri.getOrDefault(iri, List.of());
    }

    /**
     * The shortest name of an IRI in a vocabulary position (a key, a type, a datatype): a term
     * without coercion, else a compact IRI, else the IRI itself.
     */
    String compactVocab(String iri) {
        for (Term t : terms(iri)) {
            if (t.type() == null && !t.set()) {
                return t.name();
            }
        }
        return compactIri(iri).orElse(iri);
    }

    /** {@code prefix:local} for an IRI under one of the prefixes (the longest one). */
    Optional<String> compactIri(String iri) {
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
    PrefixMapping prefixMapping() {
        PrefixMapping pm = PrefixMapping.Factory.create();
        prefixes.forEach(pm::setNsPrefix);
        return pm.lock();
    }
}
