package fr.regie.store;

import java.nio.file.Path;

/**
 * What Régie keeps beside the TDB2 files of a store, under {@code STORE/regie/}: each dataset's
 * change log ({@code changes/DATASET/}), the row state of its last refresh
 * ({@code state/DATASET.state}), the reports of rejected refreshes ({@code reports/DATASET/}), the partners' check reports ({@code checks/PARTNER/}), the
 * subjects each version touched ({@code ldes/DATASET/}), the dumps the server caches ({@code dumps/}),
 * the store's identity ({@code store-id}), the commits not yet on the replication log
 * ({@code outbox/DATASET/}) and, on a replica, what it follows ({@code replica/}). The one place these paths are spelt.
 */
public record StoreLayout(Path dir) {
    private Path regie() {
        return dir.resolve("regie");
    }

    /** A dataset's change log. */
    public ChangeLog changeLog(String dataset) {
        return new ChangeLog(regie().resolve("changes").resolve(dataset));
    }

    /** The file of a dataset's row state (what its last refresh read, for the next incremental one). */
    public Path rowState(String dataset) {
        return regie().resolve("state").resolve(dataset + ".state");
    }

    /** The directory of the reports of a dataset's rejected refreshes. */
    public Path reports(String dataset) {
        return regie().resolve("reports").resolve(dataset);
    }

    /** The directory of a partner's check reports (what {@code regie check} and the check endpoint found). */
    public Path checks(String partner) {
        return regie().resolve("checks").resolve(partner);
    }

    /** The directory of a dataset's event stream index: the subjects each version touched. */
    public Path ldes(String dataset) {
        return regie().resolve("ldes").resolve(dataset);
    }

    /**
     * The directory of a dataset's replication outbox: each commit's entry, written before the
     * commit, removed once the replication log has acknowledged it.
     */
    public Path outbox(String dataset) {
        return regie().resolve("outbox").resolve(dataset);
    }

    /** The directory a replica keeps its own state in (the registry it serves, where it is on the log). */
    public Path replica() {
        return regie().resolve("replica");
    }

    /**
     * The store's identity: a random UUID made the first time it is asked for and kept in
     * {@code regie/store-id}. Replicas follow one primary store; a store rebuilt from scratch is
     * another one, whose versions start again at 1.
     */
    public String identity() throws java.io.IOException {
        Path f = regie().resolve("store-id");
        if (java.nio.file.Files.isRegularFile(f)) {
            String id = java.nio.file.Files.readString(f).strip();
            if (!id.isEmpty()) {
                return id;
            }
        }
        java.nio.file.Files.createDirectories(f.getParent());
        String id = java.util.UUID.randomUUID().toString();
        Path tmp = f.resolveSibling("store-id.tmp");
        java.nio.file.Files.writeString(tmp, id + "\n");
        java.nio.file.Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return id;
    }

    /** The directory of the cached dumps. */
    public Path dumps() {
        return regie().resolve("dumps");
    }
}
