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
