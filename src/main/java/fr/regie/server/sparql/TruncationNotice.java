package fr.regie.server.sparql;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Puts the announcement of a cut answer ({@link Truncation}, which the query operation sends as
 * a header) into the body too, where the format has room for it, since many clients never look
 * at headers. Fuseki writes the body; this filter's stream adds to it:
 * <ul>
 * <li>CSV, TSV, text, Turtle, TriG, N-Triples, N-Quads: a last line {@code # truncated: …} (a
 * comment in the RDF syntaxes, and in CSV as the W3C's tabular data model reads it);</li>
 * <li>SPARQL XML results and RDF/XML: a last {@code <!-- truncated: … -->} after the root;</li>
 * <li>SPARQL JSON results: a first member {@code "truncated": {"unit", "limit", "detail"}}
 * (readers ignore members they do not know);</li>
 * <li>other formats (JSON-LD, Thrift…): the header only.</li>
 * </ul>
 */
public final class TruncationNotice implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (!(response instanceof HttpServletResponse http)) {
            chain.doFilter(request, response);
            return;
        }
        NoticeResponse wrapped = new NoticeResponse(http);
        chain.doFilter(request, wrapped);
        wrapped.finish();
    }

    /** Where a format has room for the announcement. */
    enum Room { LAST_LINE, XML_COMMENT, JSON_MEMBER, NONE }

    static Room roomIn(String contentType) {
        String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "text/csv", "text/tab-separated-values", "text/plain", "text/turtle", "application/n-triples",
                 "application/n-quads", "application/trig" -> Room.LAST_LINE;
            case "application/sparql-results+xml", "application/rdf+xml", "application/xml", "text/xml" -> Room.XML_COMMENT;
            case "application/sparql-results+json" -> Room.JSON_MEMBER;
            default -> Room.NONE;
        };
    }

    private static final class NoticeResponse extends HttpServletResponseWrapper {
        private NoticeStream stream;

        NoticeResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                stream = new NoticeStream(super.getOutputStream(), this);
            }
            return stream;
        }

        void finish() throws IOException {
            if (stream != null) {
                stream.finish();
            }
        }
    }
}
