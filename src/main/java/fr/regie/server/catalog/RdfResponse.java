package fr.regie.server.catalog;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFWriter;

import fr.regie.server.http.Conditional;
import fr.regie.server.http.MediaFormat;
import fr.regie.server.http.Negotiation;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sends a small RDF graph in the syntax the request negotiated: 406 when it accepts none of the
 * offers, 304 when its {@code If-None-Match} names the current ETag, no body for HEAD.
 */
final class RdfResponse {
    /** The RDF syntaxes of the catalog and the service description, Turtle first. */
    static final List<MediaFormat> OFFERED = List.of(MediaFormat.TURTLE, MediaFormat.JSONLD, MediaFormat.RDFXML, MediaFormat.NTRIPLES);

    private RdfResponse() {}

    /**
     * The syntax to answer in; when the request accepts none, a 406 has been sent and the
     * result is empty.
     */
    static Optional<Lang> negotiate(HttpServletRequest req, HttpServletResponse resp, List<MediaFormat> offers) throws IOException {
        return Negotiation.negotiate(req, resp, offers).map(MediaFormat::rdf);
    }

    /**
     * Answers 304 and returns true when the request already holds this entity tag; otherwise sets
     * it on the response.
     */
    static boolean notModified(HttpServletRequest req, HttpServletResponse resp, String etag) {
        resp.setHeader("ETag", etag);
        resp.setHeader("Cache-Control", "no-cache");
        if (Conditional.matches(req.getHeader("If-None-Match"), etag)) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return true;
        }
        return false;
    }

    /** Says that the answer depends on who asks (added to what CORS already says). */
    static void varyByCaller(HttpServletResponse resp) {
        resp.addHeader("Vary", "Authorization, X-API-Key");
    }

    /** Writes the graph (headers only for HEAD). */
    static void send(HttpServletRequest req, HttpServletResponse resp, Graph graph, Lang lang) throws IOException {
        resp.setStatus(200);
        resp.setContentType(lang.getContentType().getContentTypeStr());
        resp.setCharacterEncoding("UTF-8");
        if ("HEAD".equals(req.getMethod())) {
            return;
        }
        RDFWriter.source(graph).format(format(lang)).output(resp.getOutputStream());
    }

    private static RDFFormat format(Lang lang) {
        if (lang.equals(Lang.TURTLE)) {
            return RDFFormat.TURTLE_PRETTY;
        }
        if (lang.equals(Lang.RDFXML)) {
            return RDFFormat.RDFXML_ABBREV;
        }
        if (lang.equals(Lang.JSONLD)) {
            return RDFFormat.JSONLD;
        }
        return RDFFormat.NTRIPLES;
    }
}
