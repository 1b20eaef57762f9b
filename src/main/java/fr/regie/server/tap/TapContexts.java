package fr.regie.server.tap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fr.regie.server.http.JsonLdContext;

/**
 * The JSON-LD context CONSTRUCT taps are compacted with: the tap folder's own
 * {@code context.jsonld} if there is one, else Régie's ({@code ontology/context.jsonld}, packaged
 * in the jar), else one made of each tap's own prefixes. A folder's context is read when the
 * server starts; one the writer cannot take is a {@link TapException} naming the file.
 */
final class TapContexts {
    private static final String PACKAGED = "ontology/context.jsonld";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<JsonLdContext> shared;
    private final String source;

    private TapContexts(Optional<JsonLdContext> shared, String source) {
        this.shared = shared;
        this.source = source;
    }

    /** The contexts for taps in {@code tapDir}: {@code tapDir/context.jsonld}, else Régie's packaged one, else each tap's prefixes. */
    static TapContexts find(Path tapDir) {
        Path own = tapDir.resolve("context.jsonld");
        if (Files.isRegularFile(own)) {
            try {
                return new TapContexts(Optional.of(JsonLdContext.of(Files.readAllBytes(own), own.toString())), own.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the JSON-LD context " + own, e);
            } catch (JsonLdContext.Unsupported e) {
                throw new TapException(own.toString(), 1, e.detail());
            }
        }
        try (InputStream in = TapContexts.class.getClassLoader().getResourceAsStream(PACKAGED)) {
            if (in != null) {
                return new TapContexts(Optional.of(JsonLdContext.of(in.readAllBytes(), PACKAGED)), PACKAGED + " (packaged)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged JSON-LD context", e);
        }
        return new TapContexts(Optional.empty(), "the prefixes of each tap");
    }

    /** Where the context comes from, for the log. */
    String source() {
        return source;
    }

    /** The context to compact a tap's graph with. */
    JsonLdContext forTap(Tap tap) {
        return shared.orElseGet(() -> {
            ObjectNode doc = JSON.createObjectNode();
            ObjectNode prefixes = doc.putObject("@context");
            tap.query().getPrefixMapping().getNsPrefixMap().forEach(prefixes::put);
            try {
                return JsonLdContext.of(JSON.writeValueAsBytes(doc), "the prefixes of tap " + tap.name());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
