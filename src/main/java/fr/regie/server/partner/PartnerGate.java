package fr.regie.server.partner;

import java.io.IOException;
import java.util.Optional;

import fr.regie.registry.Partner;
import fr.regie.registry.Registry;
import fr.regie.server.access.ApiKeyFilter;
import fr.regie.server.access.Caller;
import fr.regie.server.http.Problem;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Who may open {@code /partners/{id}}: the partner with its own key, and the operator. The
 * refusals never depend on whether {@code id} names a partner: no key is 401, another partner's
 * key is 403, whatever the id; only the operator learns that an id is unknown (404). An unknown
 * key never gets here (the API-key filter answered 401).
 */
final class PartnerGate {
    private PartnerGate() {}

    /** The partner the caller may act as here; empty once the refusal is sent. */
    static Optional<Partner> open(Caller caller, Registry registry, String id, HttpServletResponse resp) throws IOException {
        switch (caller.kind()) {
            case ANONYMOUS -> {
                resp.setHeader("WWW-Authenticate", "ApiKey header=\"" + ApiKeyFilter.HEADER + "\"");
                Problem.send(resp, 401, "a partner's page needs the partner's API key, in the " + ApiKeyFilter.HEADER
                        + " header or as Authorization: Bearer (never in the URL)");
                return Optional.empty();
            }
            case PARTNER -> {
                String own = caller.partner().orElseThrow();
                if (!own.equals(id)) {
                    Problem.send(resp, 403, "this key is the key of partner '" + own + "': it opens /partners/" + own + " only");
                    return Optional.empty();
                }
            }
            case ADMIN -> { } // the operator sees every partner's page
        }
        Optional<Partner> p = registry.partner(id);
        if (p.isEmpty()) {
            // Only the operator gets here with an unknown id (a partner's own id is in the registry it was read from).
            Problem.send(resp, 404, "no partner '" + id + "' in the registry");
        }
        return p;
    }
}
