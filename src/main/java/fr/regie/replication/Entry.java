package fr.regie.replication;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;

import fr.regie.store.OutboxEntry;
import fr.regie.stream.LogEngine;
import fr.regie.stream.LogMessage;

/**
 * One commit of a dataset on the primary, as the log carries it: the dataset's data version after
 * it, the run it recorded (the {@code prov:Activity} IRI its metadata graph gained, which names the
 * commit), the run recorded before it ({@code prev}, empty for the first), when it committed, the
 * RDF Patch of its data graph (the change log's patch, byte for byte, for an accepted version) and
 * the RDF Patch of its metadata graph. A version too large for one message says
 * {@link Data#SNAPSHOT}: a replica takes the primary's snapshot instead. The body is a ZIP
 * ({@code entry.properties}, {@code data.rdfp}, {@code meta.rdfp}); headers repeat the properties
 * for tools that look at the log.
 */
public record Entry(String store, String dataset, long version, String run, String prev, Instant committed, Data data,
                    byte[] dataPatch, byte[] metaPatch) {
    /** What the entry holds of the data graph's change. */
    public enum Data {
        /** The commit changed no data (a run recorded, rejected or failed). */
        NONE,
        /** {@link #dataPatch} is the version's patch. */
        PATCH,
        /** The version's patch is not carried (too large, or never written): take the primary's snapshot. */
        SNAPSHOT
    }

    public static final String STORE = OutboxEntry.STORE;
    public static final String DATASET = OutboxEntry.DATASET;
    public static final String VERSION = OutboxEntry.VERSION;
    public static final String RUN = OutboxEntry.RUN;
    public static final String PREV = OutboxEntry.PREV;
    public static final String COMMITTED = OutboxEntry.COMMITTED;
    public static final String DATA = OutboxEntry.DATA;

    /** An entry that cannot be read: not a ZIP, a part missing or too large, a property that does not parse. */
    public static final class Corrupt extends Exception {
        private static final long serialVersionUID = 1L;

        public Corrupt(String message) {
            super(message, null, false, false);
        }
    }

    public Entry {
        dataPatch = dataPatch == null ? new byte[0] : dataPatch;
        metaPatch = metaPatch == null ? new byte[0] : metaPatch;
        prev = prev == null ? "" : prev;
    }

    /** The log's view of an outbox entry (the publisher has filled its data part). */
    public static Entry of(OutboxEntry e) {
        return new Entry(e.store(), e.dataset(), e.version(), e.run(), e.prev(), e.committed(), Data.valueOf(e.data().name()),
                e.dataPatch(), e.metaPatch());
    }

    /** The outbox form of this entry: the one file format, kept in the store. */
    public OutboxEntry outbox() {
        return new OutboxEntry(store, dataset, version, run, prev, committed, OutboxEntry.Data.valueOf(data.name()), dataPatch, metaPatch);
    }

    /**
     * The id the log deduplicates on: the dataset, its version and the run
     * ({@code velib-stations@7@20261206T035415123Z}), the same whoever publishes it and however often.
     */
    public String id() {
        return dataset + "@" + version + "@" + run.substring(run.lastIndexOf('/') + 1);
    }

    /** The same entry with its data part replaced (the publisher fills a version's patch, or says snapshot). */
    public Entry withData(Data kind, byte[] patch) {
        return new Entry(store, dataset, version, run, prev, committed, kind, patch, metaPatch);
    }

    /** The headers (and properties) of the entry. */
    public Map<String, String> headers() {
        return outbox().headers();
    }

    /** The entry as a ZIP: its properties, then its patches (the outbox's file format, {@link OutboxEntry#body}). */
    public byte[] body() {
        return outbox().body();
    }

    /** The message that carries the entry on {@code log}. */
    public LogMessage message(LogEngine log) {
        return LogMessage.of(log.datasetSubject(dataset), id(), headers(), body());
    }

    /** Reads an entry from its body, no part larger than {@code maxBytes} once inflated. */
    public static Entry read(byte[] body, long maxBytes) throws Corrupt {
        return read(new ByteArrayInputStream(body), maxBytes);
    }

    /** Reads an entry (an outbox file, a message's body), no part larger than {@code maxBytes} once inflated. */
    public static Entry read(InputStream in, long maxBytes) throws Corrupt {
        try {
            return of(OutboxEntry.read(in, maxBytes));
        } catch (OutboxEntry.Corrupt e) {
            throw new Corrupt(e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry e && store.equals(e.store) && dataset.equals(e.dataset) && version == e.version && run.equals(e.run)
                && prev.equals(e.prev) && committed.equals(e.committed) && data == e.data
                && java.util.Arrays.equals(dataPatch, e.dataPatch) && java.util.Arrays.equals(metaPatch, e.metaPatch);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(dataset, version, run);
    }

    @Override
    public String toString() {
        return "Entry[" + id() + ", prev " + prev + ", " + data.name().toLowerCase() + ", " + dataPatch.length + "+" + metaPatch.length + " bytes]";
    }
}
