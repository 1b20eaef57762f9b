package fr.regie.server.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The sending of large files (dumps, CSV and GeoJSON exports): a client that does not read holds
 * a server thread until the idle timeout, so at most {@link #MAX_AT_ONCE} such files are sent at
 * once, {@link #MAX_PER_ADDRESS} to one client address, and the threads left always answer pages
 * and queries. Past it: 503 with {@code Retry-After}. The one owner of that count.
 */
public final class Downloads {
    /** Files sent at once, of the server's {@link Connections#MAX_THREADS} threads. */
    public static final int MAX_AT_ONCE = 16;
    public static final int MAX_PER_ADDRESS = 4;
    /** Seconds a refused client is asked to wait. */
    static final int RETRY_AFTER = 10;

    private static final Semaphore SLOTS = new Semaphore(MAX_AT_ONCE);
    /** Files being sent per client address (an entry leaves at 0: at most {@link #MAX_AT_ONCE} entries). */
    private static final Map<String, Integer> BY_ADDRESS = new ConcurrentHashMap<>();

    private Downloads() {}

    /**
     * Sends {@code file} as the body of an answer whose status and headers are set and not yet
     * committed; when no slot is free, answers 503 instead (the headers set are dropped).
     */
    public static void send(HttpServletRequest req, HttpServletResponse resp, Path file) throws IOException {
        String address = String.valueOf(req.getRemoteAddr());
        if (!SLOTS.tryAcquire()) {
            refuse(resp, "the server is sending " + MAX_AT_ONCE + " files already");
            return;
        }
        try {
            int mine = BY_ADDRESS.merge(address, 1, Integer::sum);
            try {
                if (mine > MAX_PER_ADDRESS) {
                    refuse(resp, "this address is downloading " + MAX_PER_ADDRESS + " files already");
                    return;
                }
                Files.copy(file, resp.getOutputStream());
            } finally {
                BY_ADDRESS.compute(address, (k, n) -> n == null || n <= 1 ? null : n - 1);
            }
        } finally {
            SLOTS.release();
        }
    }

    /** Files being sent now (for tests). */
    static int sending() {
        return MAX_AT_ONCE - SLOTS.availablePermits();
    }

    private static void refuse(HttpServletResponse resp, String why) throws IOException {
        resp.reset();
        resp.setHeader("Retry-After", Integer.toString(RETRY_AFTER));
        Problem.send(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, why + "; retry in " + RETRY_AFTER + " s");
    }
}
