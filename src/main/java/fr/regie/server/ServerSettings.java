package fr.regie.server;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import fr.regie.server.sparql.QueryLimits;

/**
 * How the server behaves toward the public: where it listens, how long and how big a SPARQL
 * answer may be, how long a query text may be, how many requests a caller may make per minute,
 * whether SPARQL SERVICE may call other endpoints, and which URL or host names links are built
 * from ({@code allowedHosts}: names answered besides the local ones, when there is no public URL).
 */
public record ServerSettings(int port, boolean localOnly, Duration queryTimeout, long resultLimit, int maxQueryLength,
                             int anonymousPerMinute, int partnerPerMinute, boolean allowService, Optional<String> publicUrl,
                             List<String> allowedHosts) {

    public ServerSettings {
        publicUrl = publicUrl.filter(u -> !u.isBlank()).map(u -> u.endsWith("/") ? u : u + "/");
        allowedHosts = List.copyOf(allowedHosts);
    }

    /** Settings answering to the local host names only. */
    public ServerSettings(int port, boolean localOnly, Duration queryTimeout, long resultLimit, int maxQueryLength,
                          int anonymousPerMinute, int partnerPerMinute, boolean allowService, Optional<String> publicUrl) {
        this(port, localOnly, queryTimeout, resultLimit, maxQueryLength, anonymousPerMinute, partnerPerMinute, allowService, publicUrl,
                List.of());
    }

    public static ServerSettings defaults(int port) {
        return new ServerSettings(port, true, Duration.ofSeconds(30), 10_000, 20_000, 600, 6_000, false, Optional.empty());
    }

    /**
     * The same settings, with the URL the server is reached at from outside (behind a proxy, the
     * territory's own domain): links in pages, the catalog and OpenAPI use it. Empty: the scheme
     * and host of each request.
     */
    public ServerSettings withPublicUrl(Optional<String> url) {
        return new ServerSettings(port, localOnly, queryTimeout, resultLimit, maxQueryLength, anonymousPerMinute, partnerPerMinute, allowService, url,
                allowedHosts);
    }

    /**
     * The same settings, answering also to these host names (or addresses) when links are built
     * from the request; other names are refused.
     */
    public ServerSettings withAllowedHosts(List<String> names) {
        return new ServerSettings(port, localOnly, queryTimeout, resultLimit, maxQueryLength, anonymousPerMinute, partnerPerMinute, allowService,
                publicUrl, names);
    }

    /** The same settings, listening on the loopback interface only or on all interfaces. */
    public ServerSettings local(boolean only) {
        return new ServerSettings(port, only, queryTimeout, resultLimit, maxQueryLength, anonymousPerMinute, partnerPerMinute, allowService, publicUrl,
                allowedHosts);
    }

    public ServerSettings withPort(int p) {
        return new ServerSettings(p, localOnly, queryTimeout, resultLimit, maxQueryLength, anonymousPerMinute, partnerPerMinute, allowService, publicUrl,
                allowedHosts);
    }

    /** The limits of a public SPARQL query. */
    public QueryLimits queryLimits() {
        return new QueryLimits(queryTimeout, resultLimit, maxQueryLength, allowService);
    }
}
