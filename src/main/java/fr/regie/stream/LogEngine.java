package fr.regie.stream;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A durable, ordered log of messages on subjects, named {@code STREAM.registry} and
 * {@code STREAM.dataset.ID}: what a primary publishes to and its replicas follow. One total order
 * over all subjects (positions), so a registry change published before a version is read before it.
 * Every call is bounded in time; none retries forever (callers decide when to try again).
 */
public interface LogEngine extends AutoCloseable {
    /** The positions the log holds: the first and the last (both 0 when it is empty). */
    record Range(long first, long last) {}

    /** The stream's name ({@code regie} by default): the first token of its subjects. */
    String name();

    /**
     * Publishes a message and returns its position once the log has stored it (acknowledged).
     * A message whose id the log already holds (within its deduplication window) is stored once:
     * the position returned is then the first one's.
     *
     * @throws LogException if the log does not acknowledge within its timeout (the message may or
     *                      may not be stored: publish it again with the same id)
     */
    long publish(LogMessage message) throws LogException;

    /**
     * Up to {@code max} messages from position {@code from} (inclusive) on, in order, on every
     * subject of the stream; waits up to {@code wait} for the first when there is none yet (an
     * empty list then). Positions the log no longer holds are skipped: the first message returned
     * may be after {@code from}.
     */
    List<LogMessage> read(long from, int max, Duration wait) throws LogException;

    /** The last message stored on a subject, if any. */
    Optional<LogMessage> last(String subject) throws LogException;

    /** The positions the log holds now. */
    Range range() throws LogException;

    /** The largest body the log accepts, in bytes. */
    long maxBody();

    /** Releases the connection. */
    @Override
    void close();

    /** The subject of the registry's messages. */
    default String registrySubject() {
        return name() + ".registry";
    }

    /** The subject of a dataset's messages. */
    default String datasetSubject(String dataset) {
        return name() + ".dataset." + dataset;
    }
}
