package fr.regie.server.bounds;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.jena.query.QueryCancelledException;

/**
 * A string as a regular expression matcher reads it, one character at a time, with a look at
 * the query's cancel signal every few thousand characters read. Java's matcher never checks
 * anything else while it backtracks, but it reads the text all the time, so this is where a
 * catastrophic pattern can be stopped: the timeout or the client's departure sets the signal,
 * and the next look ends the match with {@link QueryCancelledException}.
 */
final class CancellableText implements CharSequence {
    /** A look every 4,096 characters read: microseconds apart, and invisible in the matcher's cost. */
    private static final int READS_PER_LOOK = 1 << 12;

    private final String text;
    private final AtomicBoolean cancel;
    private int reads;

    CancellableText(String text, AtomicBoolean cancel) {
        this.text = text;
        this.cancel = cancel;
    }

    @Override
    public char charAt(int index) {
        if (++reads == READS_PER_LOOK) {
            reads = 0;
            if (cancel.get()) {
                throw new QueryCancelledException();
            }
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
