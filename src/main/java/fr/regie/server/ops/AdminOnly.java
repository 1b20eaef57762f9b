package fr.regie.server.ops;

import java.io.IOException;

import fr.regie.server.access.ApiKeyFilter;
import fr.regie.server.access.Caller;
import fr.regie.server.http.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The operator's gate: no key is 401 (with {@code WWW-Authenticate}), a partner's key is 403. An
 * unknown key never gets here (the API-key filter answered 401).
 */
public final class AdminOnly {
    private AdminOnly() {}

    /** Whether the request comes with the admin key; if not, the refusal has been sent. */
    public static boolean check(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Caller caller = ApiKeyFilter.caller(req);
        if (caller.admin()) {
            return true;
        }
        if (caller.kind() == Caller.Kind.ANONYMOUS) {
            resp.setHeader("WWW-Authenticate", "ApiKey header=\"" + ApiKeyFilter.HEADER + "\"");
            Problem.send(resp, 401, req.getRequestURI() + " needs the admin key (in the " + ApiKeyFilter.HEADER + " header)");
        } else {
            Problem.send(resp, 403, req.getRequestURI() + " needs the admin key; " + caller.name() + " is not the operator");
        }
        return false;
    }
}
