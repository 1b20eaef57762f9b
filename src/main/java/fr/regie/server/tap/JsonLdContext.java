package fr.regie.server.tap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.document.JsonDocument;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;

/**
 * The JSON-LD context CONSTRUCT taps are compacted with: the tap folder's own
 * {@code context.jsonld} if there is one, else Régie's ({@code ontology/context.jsonld}, packaged
 * in the jar), else one made of the tap's own prefixes.
 */
final class JsonLdContext {
    private static final String PACKAGED = "ontology/context.jsonld";

    private final Optional<JsonDocument> shared;
    private final String source;

    private JsonLdContext(Optional<JsonDocument> shared, String source) {
        this.shared = shared;
        this.source = source;
    }

    /** The context for taps in {@code tapDir}: {@code tapDir/context.jsonld}, else Régie's packaged one, else none. */
    static JsonLdContext find(Path tapDir) {
        Path own = tapDir.resolve("context.jsonld");
        if (Files.isRegularFile(own)) {
            try (InputStream in = Files.newInputStream(own)) {
                return new JsonLdContext(Optional.of(read(in, own.toString())), own.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the JSON-LD context " + own, e);
            }
        }
        try (InputStream in = JsonLdContext.class.getClassLoader().getResourceAsStream(PACKAGED)) {
            if (in != null) {
                return new JsonLdContext(Optional.of(read(in, PACKAGED)), PACKAGED + " (packaged)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged JSON-LD context", e);
        }
        return new JsonLdContext(Optional.empty(), "the prefixes of each tap");
    }

    /** Where the context comes from, for the log. */
    String source() {
        return source;
    }

    /** The context to compact a tap's graph with. */
    JsonDocument forTap(Tap tap) {
        return shared.orElseGet(() -> {
            JsonObjectBuilder prefixes = Json.createObjectBuilder();
            tap.query().getPrefixMapping().getNsPrefixMap().forEach(prefixes::add);
            return JsonDocument.of(Json.createObjectBuilder().add("@context", prefixes).build());
        });
    }

    private static JsonDocument read(InputStream in, String where) {
        try {
            return JsonDocument.of(in);
        } catch (JsonLdError e) {
            throw new IllegalStateException("the JSON-LD context " + where + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
