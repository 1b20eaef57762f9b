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
 * The JSON-LD context CONSTRUCT taps are compacted with: the territory's
 * ({@code ontology/context.jsonld}) when one is found, else one made of the tap's own prefixes.
 */
final class JsonLdContext {
    private final Optional<JsonDocument> shared;
    private final Optional<Path> file;

    private JsonLdContext(Optional<Path> file) {
        this.file = file;
        this.shared = file.map(JsonLdContext::read);
    }

    /**
     * The context for taps in {@code tapDir}: {@code tapDir/context.jsonld}, else the first
     * {@code ontology/context.jsonld} found in the tap folder's parents (a repository laid out as
     * Régie's), else none.
     */
    static JsonLdContext find(Path tapDir) {
        Path own = tapDir.resolve("context.jsonld");
        if (Files.isRegularFile(own)) {
            return new JsonLdContext(Optional.of(own));
        }
        for (Path p = tapDir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("ontology").resolve("context.jsonld");
            if (Files.isRegularFile(candidate)) {
                return new JsonLdContext(Optional.of(candidate));
            }
        }
        return new JsonLdContext(Optional.empty());
    }

    /** The file the context comes from, if any. */
    Optional<Path> file() {
        return file;
    }

    /** The context to compact a tap's graph with. */
    JsonDocument forTap(Tap tap) {
        return shared.orElseGet(() -> {
            JsonObjectBuilder prefixes = Json.createObjectBuilder();
            tap.query().getPrefixMapping().getNsPrefixMap().forEach(prefixes::add);
            return JsonDocument.of(Json.createObjectBuilder().add("@context", prefixes).build());
        });
    }

    private static JsonDocument read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return JsonDocument.of(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JSON-LD context " + file, e);
        } catch (JsonLdError e) {
            throw new IllegalStateException("the JSON-LD context " + file + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
