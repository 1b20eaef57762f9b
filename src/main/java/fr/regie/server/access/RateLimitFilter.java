package fr.regie.server.access;

import java.io.IOException;

import fr.regie.server.http.Problem;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A token bucket per caller (per partner key; per client address for anonymous callers, an IPv6
 * address counting by its /64 network, which one client usually holds whole): a sustained rate of
 * N requests a minute with bursts up to N. Past it, 429 with {@code Retry-After} in seconds. The
 * operator is not limited, nor are the pages' static files ({@code /assets/}: bytes held in memory,
 * a dozen per page view). The buckets are held in a {@link RateBuckets} of bounded size, shared
 * with the key check, which charges a wrong key to the address it came from.
 */
public final class RateLimitFilter implements Filter {
    /** Buckets held at most: a few megabytes, more distinct callers than a minute normally sees. */
    public static final int MAX_BUCKETS = 100_000;

    private final int anonymousPerMinute;
    private final int partnerPerMinute;
    private final RateBuckets buckets;

    public RateLimitFilter(int anonymousPerMinute, int partnerPerMinute) {
        this(anonymousPerMinute, partnerPerMinute, new RateBuckets(MAX_BUCKETS));
    }

    public RateLimitFilter(int anonymousPerMinute, int partnerPerMinute, RateBuckets buckets) {
        this.anonymousPerMinute = anonymousPerMinute;
        this.partnerPerMinute = partnerPerMinute;
        this.buckets = buckets;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        Caller caller = ApiKeyFilter.caller(req);
        if (!caller.admin() && !isAsset(req)) {
            boolean anonymous = caller.kind() == Caller.Kind.ANONYMOUS;
            long wait = anonymous ? chargeAddress(req) : buckets.take(caller.name(), partnerPerMinute);
            if (wait > 0) {
                refuse((HttpServletResponse) response, wait, (anonymous ? anonymousPerMinute : partnerPerMinute)
                        + " requests a minute" + (anonymous ? " (partners with an API key have more)" : ""));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean isAsset(HttpServletRequest req) {
        return req.getRequestURI().startsWith(req.getContextPath() + "/assets/");
    }

    /**
     * Takes a token from the bucket of the request's client address; returns 0, or the seconds
     * to wait. The key check calls it for a key nobody has, before answering 401.
     */
    long chargeAddress(HttpServletRequest req) {
        return buckets.take("ip:" + network(req.getRemoteAddr()), anonymousPerMinute);
    }

    /** Answers 429 to a key nobody has, once its address has run out of tokens. */
    void refuseWrongKey(HttpServletResponse resp, long wait) throws IOException {
        refuse(resp, wait, anonymousPerMinute + " requests a minute from one address, unknown API keys included,");
    }

    /** Answers 429 with the time to wait. */
    private static void refuse(HttpServletResponse resp, long wait, String limit) throws IOException {
        resp.setHeader("Retry-After", Long.toString(wait));
        Problem.send(resp, 429, "rate limit of " + limit + " reached; retry in " + wait + " s");
    }

    /** An IPv4 address as it is; an IPv6 address by its first four groups (its /64 network). */
    static String network(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        String a = address.startsWith("[") ? address.substring(1, address.length() - 1) : address;
        try {
            // A literal (Jetty gives the peer's address as one): no name lookup happens.
            byte[] b = java.net.InetAddress.getByName(a).getAddress();
            if (b.length != 16) {
                return a;
            }
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                s.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
            }
            return s.append(":/64").toString();
        } catch (java.net.UnknownHostException notAnAddress) {
            return a;
        }
    }
}
