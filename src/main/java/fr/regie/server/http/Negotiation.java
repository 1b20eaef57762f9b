package fr.regie.server.http;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Content negotiation among the formats an endpoint offers ({@link Accept}): the client's
 * preferred one, else the first offered for no header; {@code Vary: Accept} on the answer, and a
 * 406 problem listing what is offered when nothing fits.
 */
public final class Negotiation {
    private Negotiation() {}

    /** The format an {@code Accept} value prefers among {@code offered}. */
    public static Optional<MediaFormat> choose(String accept, List<MediaFormat> offered) {
        List<String> types = offered.stream().map(MediaFormat::mediaType).toList();
        return Accept.parse(accept).choose(types).map(t -> offered.get(types.indexOf(t)));
    }

    /**
     * Whether an {@code Accept} value prefers a page ({@code text/html}) to every one of
     * {@code others} (media types an endpoint answers machines in). A tie goes to the others: a
     * client that takes anything ({@code *}{@code /*}, no header) is not a browser.
     */
    public static boolean prefersHtml(String accept, List<String> others) {
        List<String> offered = new java.util.ArrayList<>(others);
        offered.add(MediaFormat.HTML.mediaType());
        return Accept.parse(accept).choose(offered).filter(MediaFormat.HTML.mediaType()::equals).isPresent();
    }

    /**
     * For a resource that is a page for people and RDF for machines: true when the client takes
     * the page ({@link MediaFormat#HTML}, which {@code offered} must hold); otherwise the answer
     * is sent here, a {@code 303 See Other} to {@code location} of the format chosen, or a 406.
     */
    public static boolean pageOrSeeOther(HttpServletRequest req, HttpServletResponse resp, List<MediaFormat> offered,
                                         java.util.function.Function<MediaFormat, String> location) throws IOException {
        Optional<MediaFormat> f = negotiate(req, resp, offered);
        if (f.isEmpty()) {
            return false;
        }
        if (f.get() != MediaFormat.HTML) {
            resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
            resp.setHeader("Location", location.apply(f.get()));
            return false;
        }
        return true;
    }

    /** The format of the answer; empty after sending 406. */
    public static Optional<MediaFormat> negotiate(HttpServletRequest req, HttpServletResponse resp, List<MediaFormat> offered)
            throws IOException {
        resp.setHeader("Vary", "Accept");
        Optional<MediaFormat> f = choose(req.getHeader("Accept"), offered);
        if (f.isEmpty()) {
            Problem.send(resp, HttpServletResponse.SC_NOT_ACCEPTABLE, "none of the media types in Accept (" + req.getHeader("Accept")
                    + ") is offered here; offered: " + String.join(", ", offered.stream().map(MediaFormat::mediaType).toList()));
        }
        return f;
    }
}
