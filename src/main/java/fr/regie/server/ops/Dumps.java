package fr.regie.server.ops;

import java.io.IOException;

import fr.regie.registry.DatasetSpec;
import fr.regie.server.ServerContext;

/**
 * The dumps of {@code /datasets/{id}/dump.nq.gz} as other features see them: their size in bytes
 * at the live version (the dataset page and the catalog's {@code dcat:byteSize}), the same bytes
 * the download serves. The caller checks that the dataset may be seen; it may call from inside a
 * read transaction of the store.
 */
public final class Dumps {
    private Dumps() {}

    /** The size of the dataset's dump at its live version; the dump is built (and cached) when absent. */
    public static long size(ServerContext context, DatasetSpec spec) throws IOException {
        return new DatasetDump(context).size(spec);
    }
}
