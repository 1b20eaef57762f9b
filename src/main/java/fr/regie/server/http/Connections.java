package fr.regie.server.http;

import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;

/**
 * What one client may hold of the server, whatever it sends: a bounded number of connections, a
 * request body no larger than a query may be, sent at a minimum rate, and a connection that
 * says nothing for {@link #IDLE_MILLIS} is closed. Without these, twenty clients sending a POST
 * body one byte every few seconds held all of Fuseki's threads (twenty by default) and nobody
 * else was answered; a body of gigabytes was read whole before its length was checked. All of
 * them are Jetty's own handlers, placed in front of everything else.
 */
public final class Connections {
    /** Threads answering requests: queries are CPU-bound, a slow client no longer holds one long. */
    public static final int MAX_THREADS = 64;
    public static final int MIN_THREADS = 8;
    /** Connections open at once; past it, new ones wait in the operating system's backlog. */
    public static final int MAX_CONNECTIONS = 1_000;
    /** A connection with no traffic for this long is closed (Jetty's default, said here). */
    public static final long IDLE_MILLIS = 30_000;
    /** The slowest a request body may arrive, in bytes per second (a dial-up modem sends 7,000). */
    public static final long MIN_BODY_RATE = 1_024;

    private Connections() {}

    /**
     * The largest request body for a longest query of {@code maxQueryLength} characters: each may
     * take 4 bytes in UTF-8, 12 once percent-encoded in a form, plus room for the other
     * parameters.
     */
    public static long maxBody(int maxQueryLength) {
        return 12L * maxQueryLength + 16 * 1024;
    }

    /** Applies the limits to a server that has not started yet. */
    public static void apply(Server server, long maxBody) {
        apply(server, maxBody, java.util.List.of());
    }

    /** The same, with paths that take larger bodies, streamed by their endpoint ({@link Upload}). */
    public static void apply(Server server, long maxBody, java.util.List<Upload> uploads) {
        for (Connector c : server.getConnectors()) {
            if (c instanceof org.eclipse.jetty.server.AbstractConnector ac) {
                ac.setIdleTimeout(IDLE_MILLIS);
            }
        }
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, server));
        // Outermost first: the rate is watched while the size is counted.
        org.eclipse.jetty.server.Handler app = server.getHandler();
        SizeLimitHandler size = new SizeLimitHandler(maxBody, -1);
        size.setHandler(app);
        MinimumDataRateHandler rate = new MinimumDataRateHandler(uploads.isEmpty() ? size : new BodyLimits(size, app, uploads),
                MIN_BODY_RATE, 0);
        server.setHandler(rate);
    }
}
