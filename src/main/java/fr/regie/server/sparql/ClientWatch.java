package fr.regie.server.sparql;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Notices that the client of a request has gone while the server is still computing the answer,
 * and says so (sets a flag: the query's cancel signal). Jetty itself would only notice when it
 * next writes, that is after the query: while a request is handled, the connection is not
 * read. So the watch asks the connection's selector to wake it when the socket becomes
 * readable, and then looks without reading (the bytes waiting, as {@code available()} counts
 * them): readable with nothing to read, again and again, is the end of the stream, a client that
 * has closed its side (as nginx reads it too); bytes waiting are a pipelined request, left to
 * Jetty.
 *
 * <p>Start it once the request's body has been read (the connection is then idle until the
 * response), and close it before answering; on other transports than plain HTTP/1 over TCP it
 * does nothing.
 */
public final class ClientWatch implements AutoCloseable {
    /** Readable wake-ups in a row with nothing to read that mean the end of the stream. */
    private static final int WAKES = 3;

    private final AbstractEndPoint endPoint;
    private final AtomicBoolean done = new AtomicBoolean();
    /**
     * Held while the watch registers its interest in reading, and while {@link #close()}
     * withdraws it: a wake-up re-registering just as the answer is ready would otherwise leave
     * the watch registered after the close, and Jetty, finding the read interest taken, could
     * not read the connection's next request (the client then saw its connection closed with
     * no answer).
     */
    private final Object interest = new Object();

    private ClientWatch(AbstractEndPoint endPoint) {
        this.endPoint = endPoint;
    }

    /** Watches the client of this request: {@code gone} is set when it has closed the connection. */
    public static ClientWatch start(HttpServletRequest request, AtomicBoolean gone) {
        EndPoint ep;
        try {
            ep = ServletContextRequest.getServletContextRequest(request).getConnectionMetaData().getConnection().getEndPoint();
        } catch (RuntimeException e) {
            return new ClientWatch(null);
        }
        if (!(ep instanceof AbstractEndPoint aep) || !(ep.getTransport() instanceof SocketChannel channel)) {
            return new ClientWatch(null);
        }
        ClientWatch watch = new ClientWatch(aep);
        watch.register(watch.new Wake(channel, gone));
        return watch;
    }

    /**
     * The selector's call when the socket turns readable. An end of stream stays readable, so it
     * wakes the watch again at once, every time; a spurious wake-up (which the selector may give)
     * does not repeat. The client is taken as gone after {@link #WAKES} wakes in a row with
     * nothing to read, never after one.
     */
    private final class Wake implements Callback {
        private final SocketChannel channel;
        private final AtomicBoolean gone;
        private int empty;

        Wake(SocketChannel channel, AtomicBoolean gone) {
            this.channel = channel;
            this.gone = gone;
        }

        @Override
        public void succeeded() {
            if (done.get()) {
                return;
            }
            if (!nothingToRead(channel)) {
                done.set(true);
                return;
            }
            if (++empty >= WAKES) {
                if (done.compareAndSet(false, true)) {
                    gone.set(true);
                }
                return;
            }
            register(this);
        }

        @Override
        public void failed(Throwable x) {
            done.set(true);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }
    }

    /**
     * Asks the selector for the next wake-up, unless the watch is closed. If someone else already
     * waits to read (an HTTP/2 connection, a body still arriving), there is nothing to watch
     * safely, and nothing of ours to withdraw at the end.
     */
    private void register(Wake wake) {
        synchronized (interest) {
            if (!done.get() && !endPoint.tryFillInterested(wake)) {
                done.set(true);
            }
        }
    }

    private static boolean nothingToRead(SocketChannel channel) {
        try {
            return channel.socket().getInputStream().available() == 0;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Stops watching: the interest in reading is withdrawn so that Jetty can read the next
     * request on this connection as usual.
     */
    @Override
    public void close() {
        if (endPoint == null) {
            return;
        }
        synchronized (interest) {
            if (done.compareAndSet(false, true)) {
                endPoint.getFillInterest().onFail(new CancellationException("the answer is ready"));
            }
        }
    }
}
