package fr.regie.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

import fr.regie.pipeline.BulkLoad;
import fr.regie.registry.DatasetSpec;
import fr.regie.pipeline.RefreshResult;
import fr.regie.registry.Registry;
import fr.regie.pipeline.Sources;
import fr.regie.pipeline.MetaRecords;
import fr.regie.r2rml.Database;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.territory.TerritoryIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code regie load}: first load of a large dataset through TDB2's bulk loader. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"First load of a large dataset: the mapping streams straight into TDB2's bulk loader (no staging, no",
                "intermediate file), then the quality gate checks what was loaded (and removes it if it refuses it).",
                "It writes version 1, its RDF Patch (unless --no-patch) and the row state, so later 'regie refresh' runs",
                "are incremental. Only for a dataset that has no version yet."})
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Mixin
    RegistryOption registry;

    @Parameters(paramLabel = "DATASET", description = "The dataset to load.")
    String dataset;

    @Mixin
    WorkOption work;

    @Option(names = "--no-patch", description = "Do not write version 1 to the change log (a mirror then starts from an export).")
    boolean noPatch;

    @Option(names = "--max-violations", defaultValue = "0", paramLabel = "N", description = "Quality gate (default: ${DEFAULT-VALUE}).")
    long maxViolations;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Registry reg = registry.read();
        DatasetSpec ds = reg.dataset(dataset).orElseThrow(() -> new ErrorHandler.UserException("no dataset '" + dataset + "' in " + registry.file));
        GraphNames graphs = new GraphNames(reg.territory().baseIri());
        try (Store s = Store.open(store.dir); Database db = Sources.connect(ds.source(), work.dir)) {
            TerritoryIndex territory = null;
            long territoryVersion = 0;
            if (!ds.id().equals(reg.territory().referenceDataset())) {
                DatasetGraph dsg = s.dataset();
                territory = Txn.calculateRead(dsg, () -> TerritoryIndex.of(dsg.getGraph(graphs.dataset(reg.territory().referenceDataset()))));
                territoryVersion = Txn.calculateRead(dsg, () -> MetaRecords.version(dsg, graphs, reg.territory().referenceDataset()));
            }
            RefreshResult r = BulkLoad.load(ds, s, graphs, reg.territory().baseIri(), db, territory, territoryVersion, !noPatch, maxViolations,
                    (fmt, args) -> spec.commandLine().getErr().printf("  " + fmt + "%n", args));
            out.println(r.line());
            return r.outcome() == RefreshResult.Outcome.ACCEPTED ? 0 : 1;
        } catch (IllegalStateException e) {
            throw new ErrorHandler.UserException(e.getMessage());
        }
    }
}
