package fr.regie.server.resource;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The formats a resource is served in: the media type content negotiation offers (in the
 * server's order of preference, JSON-LD first) and the suffix that asks for it explicitly.
 */
enum Format {
    JSONLD("application/ld+json", ".jsonld", "JSON-LD"),
    TURTLE("text/turtle", ".ttl", "Turtle"),
    NTRIPLES("application/n-triples", ".nt", "N-Triples"),
    RDFXML("application/rdf+xml", ".rdf", "RDF/XML"),
    HTML("text/html", ".html", "HTML");

    /** Every offered media type, in order of preference. */
    static final List<String> MEDIA_TYPES = Arrays.stream(values()).map(Format::mediaType).toList();

    private final String mediaType;
    private final String suffix;
    private final String title;

    Format(String mediaType, String suffix, String title) {
        this.mediaType = mediaType;
        this.suffix = suffix;
        this.title = title;
    }

    /** The format's usual name, for links. */
    String title() {
        return title;
    }

    String mediaType() {
        return mediaType;
    }

    String suffix() {
        return suffix;
    }

    /** The Content-Type header value. */
    String contentType() {
        return mediaType + (this == RDFXML ? "" : "; charset=utf-8");
    }

    static Optional<Format> ofMediaType(String type) {
        return Arrays.stream(values()).filter(f -> f.mediaType.equals(type)).findFirst();
    }

    /** The format a path's suffix asks for, if it ends with one. */
    static Optional<Format> ofPath(String path) {
        return Arrays.stream(values()).filter(f -> path.endsWith(f.suffix)).findFirst();
    }
}
