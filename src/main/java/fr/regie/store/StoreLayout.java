package fr.regie.store;

import java.nio.file.Path;

/**
 * What Régie keeps beside the TDB2 files of a store, under {@code STORE/regie/}: each dataset's
 * change log ({@code changes/DATASET/}), the row state of its last refresh
 * ({@code state/DATASET.state}), the reports of rejected refreshes ({@code reports/DATASET/}), the partners' check reports ({@code checks/PARTNER/}), the
 * subjects each version touched ({@code ldes/DATASET/}) and the dumps the server caches ({@code dumps/}). The one place these paths are spelt.
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

    /** The directory of the cached dumps. */
    public Path dumps() {
        return regie().resolve("dumps");
    }
}
