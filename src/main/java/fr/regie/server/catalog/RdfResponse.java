package fr.regie.server.catalog;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFWriter;

import fr.regie.server.http.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sends a small RDF graph in the syntax the request negotiated: 406 when it accepts none of the
 * offers, 304 when its {@code If-None-Match} names the current ETag, no body for HEAD.
 */
final class RdfResponse {
    private RdfResponse() {}

    /**
     * The syntax to answer in; when the request accepts none, a 406 has been sent and the
     * result is empty.
     */
    static Optional<Lang> negotiate(HttpServletRequest req, HttpServletResponse resp, List<Lang> offers) throws IOException {
        resp.addHeader("Vary", "Accept");
        Optional<Lang> lang = Conneg.choose(req.getHeader("Accept"), offers);
        if (lang.isEmpty()) {
            Problem.send(resp, 406, "no acceptable representation for Accept: " + req.getHeader("Accept")
                    + " (offered: " + Conneg.offered(offers) + ")");
        }
        return lang;
    }

    /**
     * Answers 304 and returns true when the request already holds this entity tag; otherwise sets
     * it on the response.
     */
    static boolean notModified(HttpServletRequest req, HttpServletResponse resp, String etag) {
        resp.setHeader("ETag", etag);
        resp.setHeader("Cache-Control", "no-cache");
        String inm = req.getHeader("If-None-Match");
        if (inm != null) {
            for (String tag : inm.split(",")) {
                String t = tag.trim();
                if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
                    resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
                    return true;
                }
            }
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
