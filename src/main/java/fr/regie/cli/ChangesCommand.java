package fr.regie.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import fr.regie.pipeline.ChangeLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code regie changes}: a dataset's change log. */
@Command(name = "changes", mixinStandardHelpOptions = true,
        description = {"Print a dataset's change log: the RDF Patch of each accepted version after --since, in order.",
                "Applied in order to the dump of version N, they give the live graph."})
final class ChangesCommand implements Callable<Integer> {
    @ParentCommand
    Main parent;

    @Option(names = "--store", required = true, paramLabel = "DIR", description = "The TDB2 store.")
    Path store;

    @Parameters(paramLabel = "DATASET", description = "The dataset identifier.")
    String dataset;

    @Option(names = "--since", paramLabel = "N", defaultValue = "0", description = "Only versions after N (default: all).")
    long since;

    @Override
    public Integer call() throws IOException {
        Path dir = store.resolve("regie").resolve("changes").resolve(dataset);
        if (!Files.isDirectory(store)) {
            throw new ErrorHandler.UserException(store + " is not a store directory");
        }
        ChangeLog log = new ChangeLog(dir);
        List<Long> versions = log.versions();
        if (versions.isEmpty()) {
            throw new ErrorHandler.UserException("no change log for '" + dataset + "' in " + store);
        }
        for (long v : versions) {
            if (v > since) {
                try (InputStream in = log.open(v)) {
                    in.transferTo(parent.out());
                }
            }
        }
        parent.out().flush();
        return 0;
    }
}
