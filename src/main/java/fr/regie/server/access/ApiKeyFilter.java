package fr.regie.server.access;

import java.io.IOException;
import java.security.Principal;
import java.util.function.Supplier;

import fr.regie.server.http.Problem;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Finds out who is calling, first in the chain: an API key in {@code X-API-Key} (or
 * {@code Authorization: Bearer KEY}) identifies a partner or the operator; no key is an
 * anonymous caller; a key nobody has is refused with 401, after being charged to the rate limit
 * of the address it came from (so that guessing keys soon meets 429, like any other flood). The
 * caller is kept as a request attribute and as the request's remote user, which Fuseki's handlers
 * read; what shared caches may keep of the answer follows from it ({@link KeyedCaching}).
 */
public final class ApiKeyFilter implements Filter {
    /** The request attribute holding the {@link Caller}. */
    public static final String CALLER = "regie.caller";
    public static final String HEADER = "X-API-Key";

    /** Read at each request: a reloaded registry takes effect at once. */
    private final Supplier<Access> access;
    private final RateLimitFilter limits;

    /** Keys checked against {@code access}; wrong ones charged to {@code limits}. */
    public ApiKeyFilter(Supplier<Access> access, RateLimitFilter limits) {
        this.access = access;
        this.limits = limits;
    }

    /** The caller of a request that went through this filter (anonymous otherwise). */
    public static Caller caller(HttpServletRequest req) {
        Object c = req.getAttribute(CALLER);
        return c instanceof Caller caller ? caller : Caller.ANONYMOUS;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        String key = req.getHeader(HEADER);
        String auth = req.getHeader("Authorization");
        if (key == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            key = auth.substring(7).strip();
        }
        Caller caller = Caller.ANONYMOUS;
        if (key != null && !key.isEmpty()) {
            var found = access.get().authenticate(key);
            if (found.isEmpty()) {
                long wait = limits.chargeAddress(req);
                if (wait > 0) {
                    limits.refuseWrongKey(resp, wait);
                    return;
                }
                resp.setHeader("WWW-Authenticate", "ApiKey header=\"" + HEADER + "\"");
                Problem.send(resp, 401, "unknown API key (send the key your régie gave you in the " + HEADER + " header)");
                return;
            }
            caller = found.get();
        }
        req.setAttribute(CALLER, caller);
        Caller who = caller;
        HttpServletRequest wrapped = new HttpServletRequestWrapper(req) {
            @Override
            public String getRemoteUser() {
                return who.name();
            }

            @Override
            public Principal getUserPrincipal() {
                return who::name;
            }
        };
        chain.doFilter(wrapped, new KeyedCaching(resp, caller.kind() != Caller.Kind.ANONYMOUS));
    }
}
