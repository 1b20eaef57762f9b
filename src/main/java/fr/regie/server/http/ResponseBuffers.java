package fr.regie.server.http;

import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;

/**
 * The size of the buffer each response is written through. Fuseki configures Jetty with 5 MiB
 * (its {@code FusekiSystemConstants.jettyOutputBufferSize}): far above what Jetty's buffer pool
 * keeps (64 KiB by default), so every response allocated a fresh 5 MiB direct buffer, released
 * only when a garbage collection happened to run. Under 50 concurrent clients the heap stayed
 * small, collections were rare, and the process grew to gigabytes of native memory. With Jetty's
 * own default (32 KiB) the buffers come from the pool and go back to it; a larger answer is
 * simply written in several pieces.
 */
public final class ResponseBuffers {
    /** Jetty's default, and a size its {@link ArrayByteBufferPool} reuses. */
    public static final int OUTPUT_BUFFER = 32 * 1024;

    private ResponseBuffers() {}

    /** Sets the output buffer of every HTTP connector of a server that has not started yet. */
    public static void apply(Server server) {
        for (Connector c : server.getConnectors()) {
            HttpConnectionFactory http = c.getConnectionFactory(HttpConnectionFactory.class);
            if (http != null) {
                HttpConfiguration config = http.getHttpConfiguration();
                config.setOutputBufferSize(OUTPUT_BUFFER);
                // Small writes are gathered up to a quarter of the buffer (Jetty's own ratio).
                config.setOutputAggregationSize(OUTPUT_BUFFER / 4);
            }
        }
    }
}
