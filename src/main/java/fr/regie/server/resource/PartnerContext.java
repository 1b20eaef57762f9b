package fr.regie.server.resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

import org.apache.jena.graph.Node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.regie.registry.Vocabularies;
import fr.regie.registry.VocabularyTerm;

/**
 * Régie's JSON-LD context with a short key for each term of the partners' vocabularies, so that
 * resources show {@code seatCount} rather than a raw IRI: the term's local name, or
 * {@code prefix:local} when that name is taken (by Régie's context or an earlier partner term),
 * with the prefix the vocabulary file declares for its namespace. A property's values are
 * coerced from its range: {@code @id} for a class, the datatype for an XSD range.
 */
final class PartnerContext {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PartnerContext() {}

    /** {@code base} (a context document) with the partner terms added; {@code base} itself when there are none. */
    static byte[] merge(byte[] base, Vocabularies vocabularies) {
        if (vocabularies.partnerTerms().isEmpty()) {
            return base;
        }
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(base);
            ObjectNode ctx = (ObjectNode) doc.get("@context");
            Set<String> taken = new HashSet<>();
            Set<String> prefixIris = new HashSet<>();
            for (Iterator<String> it = ctx.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                taken.add(k);
                if (ctx.get(k).isTextual() && (ctx.get(k).asText().endsWith("#") || ctx.get(k).asText().endsWith("/"))) {
                    prefixIris.add(ctx.get(k).asText());
                }
            }
            for (VocabularyTerm t : vocabularies.partnerTerms()) {
                String iri = t.iri().getURI();
                String ns = namespace(iri);
                String local = iri.substring(ns.length());
                String key = local;
                if (taken.contains(key) || !local.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
                    String prefix = prefixFor(ctx, ns, vocabularies, taken, prefixIris);
                    key = prefix + ":" + local;
                }
                taken.add(key);
                ctx.set(key, definition(t, iri));
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode definition(VocabularyTerm t, String iri) {
        if (t.kind() != VocabularyTerm.Kind.PROPERTY || t.range().isEmpty()) {
            return JSON.getNodeFactory().textNode(iri);
        }
        ObjectNode def = JSON.createObjectNode().put("@id", iri);
        Node range = t.range().get();
        if (t.xsdRange() || range.getURI().equals(fr.regie.territory.Vocab.wktLiteral.getURI())) {
            def.put("@type", range.getURI());
        } else if (!range.getURI().equals(org.apache.jena.vocabulary.RDF.langString.getURI())
                && !range.getURI().equals(org.apache.jena.vocabulary.RDF.HTML.getURI())) {
            def.put("@type", "@id");
        }
        return def;
    }

    /** The context's prefix for a namespace: already there, or the vocabulary's own, or a made-up one. */
    private static String prefixFor(ObjectNode ctx, String ns, Vocabularies v, Set<String> taken, Set<String> prefixIris) {
        for (Iterator<String> it = ctx.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (ctx.get(k).isTextual() && ctx.get(k).asText().equals(ns)) {
                return k;
            }
        }
        String want = v.prefixOf(ns).orElse("ns");
        String prefix = want;
        for (int i = 2; taken.contains(prefix); i++) {
            prefix = want + i;
        }
        ctx.put(prefix, ns);
        taken.add(prefix);
        prefixIris.add(ns);
        return prefix;
    }

    private static String namespace(String iri) {
        int cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
        return iri.substring(0, cut + 1);
    }
}
