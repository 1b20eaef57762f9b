package fr.regie.server.http;

import java.util.Arrays;
import java.util.Optional;

import org.apache.jena.riot.Lang;

/**
 * The formats Régie answers in, each with its media type, Jena's syntax when it is RDF, the
 * file suffix that asks for it in a URL and its usual name. The one list: resources, catalog,
 * taps, OpenAPI, dumps and change feeds take theirs from here.
 */
public enum MediaFormat {
    JSONLD("application/ld+json", Lang.JSONLD, ".jsonld", "JSON-LD"),
    TURTLE("text/turtle", Lang.TURTLE, ".ttl", "Turtle"),
    NTRIPLES("application/n-triples", Lang.NTRIPLES, ".nt", "N-Triples"),
    RDFXML("application/rdf+xml", Lang.RDFXML, ".rdf", "RDF/XML"),
    NQUADS("application/n-quads", Lang.NQUADS, ".nq", "N-Quads"),
    RDF_PATCH("application/rdf-patch", null, ".rdfp", "RDF Patch"),
    HTML("text/html", null, ".html", "HTML"),
    JSON("application/json", null, ".json", "JSON"),
    GEOJSON("application/geo+json", null, ".geojson", "GeoJSON"),
    CSV("text/csv", null, ".csv", "CSV");

    private final String mediaType;
    private final Lang lang;
    private final String suffix;
    private final String title;

    MediaFormat(String mediaType, Lang lang, String suffix, String title) {
        this.mediaType = mediaType;
        this.lang = lang;
        this.suffix = suffix;
        this.title = title;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Jena's syntax for an RDF format. */
    public Optional<Lang> lang() {
        return Optional.ofNullable(lang);
    }

    /** Jena's syntax of a format known to be RDF. */
    public Lang rdf() {
        if (lang == null) {
            throw new IllegalStateException(title + " is not an RDF syntax");
        }
        return lang;
    }

    /** The suffix that asks for the format in a URL, with its dot. */
    public String suffix() {
        return suffix;
    }

    /** The format's usual name, for links. */
    public String title() {
        return title;
    }

    /** The Content-Type header value: UTF-8 said for text formats (RDF/XML says it in its prolog). */
    public String contentType() {
        return this == RDFXML ? mediaType : mediaType + "; charset=utf-8";
    }

    public static Optional<MediaFormat> ofMediaType(String type) {
        return Arrays.stream(values()).filter(f -> f.mediaType.equals(type)).findFirst();
    }

    public static Optional<MediaFormat> ofLang(Lang lang) {
        return Arrays.stream(values()).filter(f -> lang.equals(f.lang)).findFirst();
    }
}
