package fr.regie.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;

import fr.regie.registry.Registry;
import fr.regie.store.GraphDump;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code regie export}: a dataset's graph as N-Quads. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a dataset's named graph as N-Quads, to standard output or to a file (gzip when it ends in .gz),",
                "written under a temporary name and renamed when complete."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main parent;

    @Mixin
    StoreOption store;

    @Mixin
    RegistryOption.OrDemo registry;

    @Parameters(paramLabel = "DATASET", description = "The dataset identifier, as in the registry (the territory's reference included).")
    String dataset;

    @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of standard output (.gz compresses).")
    Path out;

    @Override
    public Integer call() {
        Registry reg = registry.read();
        if (reg.dataset(dataset).isEmpty()) {
            throw new ErrorHandler.UserException("no dataset '" + dataset + "' in " + registry.file + "; it has "
                    + String.join(", ", reg.datasets().stream().map(d -> d.id()).toList()));
        }
        Node graph = new GraphNames(reg.territory().baseIri()).dataset(dataset);
        long n;
        try (Store s = Store.openExisting(store.dir); RdfOutput output = RdfOutput.open(out, RdfOutput.Format.NQUADS, parent.out())) {
            DatasetGraph dsg = s.dataset();
            n = s.read(() -> GraphDump.write(dsg, graph, output.stream()));
            output.commit();
        }
        if (out != null) {
            spec.commandLine().getErr().printf("regie: %,d quads of %s written to %s%n", n, dataset, out);
        }
        return 0;
    }
}
