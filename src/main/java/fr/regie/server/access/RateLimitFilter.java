package fr.regie.server.access;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import fr.regie.server.http.Problem;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A token bucket per caller (per partner key; per client address for anonymous callers): a
 * sustained rate of N requests a minute with bursts up to N. Past it, 429 with
 * {@code Retry-After} in seconds. The operator is not limited.
 */
public final class RateLimitFilter implements Filter {
    private final int anonymousPerMinute;
    private final int partnerPerMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimitFilter(int anonymousPerMinute, int partnerPerMinute) {
        this.anonymousPerMinute = anonymousPerMinute;
        this.partnerPerMinute = partnerPerMinute;
    }

    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long last;

        Bucket(int perMinute) {
            this.capacity = perMinute;
            this.perNano = perMinute / 60e9;
            this.tokens = perMinute;
            this.last = System.nanoTime();
        }

        /** Takes a token; returns 0, or the seconds to wait for the next one. */
        synchronized long take() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        Caller caller = ApiKeyFilter.caller(req);
        if (!caller.admin()) {
            boolean anonymous = caller.kind() == Caller.Kind.ANONYMOUS;
            String key = anonymous ? "ip:" + req.getRemoteAddr() : caller.name();
            long wait = buckets.computeIfAbsent(key, k -> new Bucket(anonymous ? anonymousPerMinute : partnerPerMinute)).take();
            if (wait > 0) {
                HttpServletResponse resp = (HttpServletResponse) response;
                resp.setHeader("Retry-After", Long.toString(wait));
                Problem.send(resp, 429, "rate limit of " + (anonymous ? anonymousPerMinute : partnerPerMinute)
                        + " requests a minute reached" + (anonymous ? " (partners with an API key have more)" : "") + "; retry in " + wait + " s");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
