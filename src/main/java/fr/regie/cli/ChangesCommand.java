package fr.regie.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.apache.jena.dboe.base.file.AlreadyLocked;

import fr.regie.store.ChangeLog;
import fr.regie.pipeline.MetaRecords;
import fr.regie.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code regie changes}: a dataset's change log. */
@Command(name = "changes", mixinStandardHelpOptions = true,
        description = {"Print a dataset's change log: the RDF Patch of each accepted version after --since, in order, up to",
                "the store's live version. Applied in order to the dump of version N, they give the live graph."})
final class ChangesCommand implements Callable<Integer> {
    @ParentCommand
    Main parent;

    @Mixin
    StoreOption store;

    @Parameters(paramLabel = "DATASET", description = "The dataset identifier.")
    String dataset;

    @Option(names = "--since", paramLabel = "N", defaultValue = "0", description = "Only versions after N (default: all).")
    long since;

    @Override
    public Integer call() throws IOException {
        if (!isStore(store.dir)) {
            throw new ErrorHandler.UserException(store.dir + " is not a store directory");
        }
        try (Store s = Store.open(store.dir)) {
            // Only committed versions: a patch beyond the live one is a refresh that never committed.
            long committed = s.read(() -> MetaRecords.version(s.dataset(), dataset));
            ChangeLog log = s.layout().changeLog(dataset);
            List<Long> versions = log.versionsUpTo(committed);
            if (versions.isEmpty()) {
                throw new ErrorHandler.UserException("no change log for '" + dataset + "' in " + store.dir);
            }
            for (long v : versions) {
                if (v > since) {
                    try (InputStream in = log.open(v)) {
                        in.transferTo(parent.out());
                    }
                }
            }
        } catch (AlreadyLocked e) {
            throw new ErrorHandler.UserException("the store " + store.dir + " is open in another process (regie serve?): ask its change feed,"
                    + " GET /datasets/" + dataset + "/changes");
        }
        parent.out().flush();
        return 0;
    }

    /** A TDB2 database directory, so that opening it does not make one. */
    private static boolean isStore(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith("Data-"));
        }
    }
}
