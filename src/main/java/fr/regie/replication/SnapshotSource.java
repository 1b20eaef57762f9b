package fr.regie.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a replica takes a dataset's snapshot from: its primary's
 * {@code GET /admin/replication/DATASET/snapshot} ({@link PrimarySnapshots}), or a stand-in in tests.
 */
public interface SnapshotSource {
    /** The header naming the store a snapshot comes from. */
    String STORE = Entry.STORE;
    /** The header giving the data version a snapshot is. */
    String VERSION = Entry.VERSION;
    /** The header naming the last run recorded in the snapshot's metadata graph (absent when none). */
    String RUN = Entry.RUN;
    /** How a snapshot's last line starts, followed by the number of quads written: a snapshot without it was cut. */
    String END = "# regie-snapshot-end quads=";

    /** What the snapshot endpoint says without sending the snapshot (HEAD): store, version, last run. */
    record Head(String store, long version, String run) {}

    /** The registry the primary serves now: its bundle, and the store it names. */
    record RegistryDownload(RegistryBundle bundle, String store) {}

    /**
     * A snapshot on disk: the primary store it comes from, the dataset's version and last run
     * ({@code ""} when none), and its data and metadata graphs as N-Quads. Closing deletes the file.
     */
    record Snapshot(String store, long version, String run, Path file) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Downloads the dataset's snapshot into a new file in {@code dir}.
     *
     * @throws IOException if the primary cannot be reached, refuses, or sends something else than a snapshot
     */
    Snapshot fetch(String dataset, Path dir) throws IOException;

    /**
     * The snapshot's headers without the snapshot, to know whether there is anything to take.
     *
     * @throws IOException if the primary cannot be reached or refuses
     */
    default Head head(String dataset) throws IOException {
        throw new IOException("no HEAD of snapshots from " + where());
    }

    /**
     * The registry the primary serves now ({@code GET /admin/replication/registry}).
     *
     * @throws IOException if the primary cannot be reached or refuses
     */
    default RegistryDownload registry() throws IOException {
        throw new IOException("no registry from " + where());
    }

    /** Where snapshots come from, for the status (the primary's URL). */
    String where();
}
