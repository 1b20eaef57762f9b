package fr.regie.server.partner;

import java.io.IOException;

import fr.regie.registry.Partner;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Answers {@code POST /partners/{id}/check} for a caller already let in as {@code partner}. */
interface CheckEndpoint {
    void handle(HttpServletRequest req, HttpServletResponse resp, Partner partner) throws IOException;
}
