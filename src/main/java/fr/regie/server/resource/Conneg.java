package fr.regie.server.resource;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import fr.regie.server.http.Accept;
import fr.regie.server.http.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Content negotiation among formats, with {@code Vary: Accept} and a 406 problem when none fits. */
final class Conneg {
    private Conneg() {}

    /**
     * The format the request's {@code Accept} header prefers among {@code offered} (the first one
     * for no header or {@code *}{@code /*}); empty after sending 406 listing the offered types.
     */
    static Optional<Format> negotiate(HttpServletRequest req, HttpServletResponse resp, List<Format> offered) throws IOException {
        resp.setHeader("Vary", "Accept");
        List<String> types = offered.stream().map(Format::mediaType).toList();
        Optional<Format> f = Accept.parse(req.getHeader("Accept")).choose(types).flatMap(Format::ofMediaType);
        if (f.isEmpty()) {
            Problem.send(resp, HttpServletResponse.SC_NOT_ACCEPTABLE,
                    "none of the media types in Accept (" + req.getHeader("Accept") + ") is offered here; offered: " + String.join(", ", types));
        }
        return f;
    }
}
