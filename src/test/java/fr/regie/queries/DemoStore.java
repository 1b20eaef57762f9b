package fr.regie.queries;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.RDFNode;

import fr.regie.registry.Registry;
import fr.regie.cli.DemoFeeds;
import fr.regie.pipeline.StoreBuilder;
import fr.regie.store.Store;
import fr.regie.territory.GeoFunctions;

/**
 * The Plaine Commune demo store, built once with the pipeline API from
 * examples/plaine-commune/registry.ttl (as {@code regie demo} does), and the analyst queries run
 * on it as {@code regie query} runs them: union default graph, Régie's GeoSPARQL functions.
 */
final class DemoStore implements AutoCloseable {
    private final Store store;

    private DemoStore(Store store) {
        this.store = store;
    }

    /** Builds the whole demo store under {@code dir} (sources in dir/work, TDB2 in dir/store). */
    static DemoStore build(Path projectDir, Path dir) throws IOException {
        Registry registry = Registry.read(projectDir.resolve("examples/plaine-commune/registry.ttl"));
        Path storeDir = dir.resolve("store");
        try (DemoFeeds feeds = DemoFeeds.startFor(registry)) {
            StoreBuilder.build(registry, dir.resolve("work"), storeDir, new StoreBuilder.Listener() {});
        }
        GeoFunctions.register();
        return new DemoStore(Store.open(storeDir));
    }

    /** A SELECT result: the projected variables, and each row's values in that order (null: unbound). */
    record Result(List<String> columns, List<List<Node>> rows) {}

    Result select(Path queryFile) throws IOException {
        return selectText(Files.readString(queryFile, StandardCharsets.UTF_8));
    }

    /** Runs a SELECT given as text, as {@link #select(Path)} does. */
    Result selectText(String text) {
        Query query = QueryFactory.create(text);
        return store.read(() -> {
            try (QueryExecution qe = QueryExecutionFactory.create(query, DatasetFactory.wrap(store.dataset()))) {
                ResultSet rs = qe.execSelect();
                List<String> vars = rs.getResultVars();
                List<List<Node>> rows = new ArrayList<>();
                while (rs.hasNext()) {
                    QuerySolution s = rs.next();
                    List<Node> row = new ArrayList<>(vars.size());
                    for (String v : vars) {
                        RDFNode n = s.get(v);
                        row.add(n == null ? null : n.asNode());
                    }
                    rows.add(row);
                }
                return new Result(vars, rows);
            }
        });
    }

    /** The store itself, for tests that read its graphs directly. */
    Store store() {
        return store;
    }

    @Override
    public void close() {
        store.close();
    }
}
