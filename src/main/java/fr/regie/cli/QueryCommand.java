package fr.regie.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecDatasetBuilder;

import fr.regie.server.bounds.QueryBounds;
import fr.regie.store.Store;
import fr.regie.territory.GeoFunctions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code regie query}: run a SPARQL query on a store. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run a SPARQL query on a Régie store and print the results (CSV by default).",
                "The default graph is the union of all the store's graphs; GRAPH <…> reaches one dataset.",
                "CONSTRUCT and DESCRIBE print Turtle."})
final class QueryCommand implements Callable<Integer> {
    @ParentCommand
    Main parent;

    @Mixin
    StoreOption store;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Text text;

    static final class Text {
        @Option(names = "--file", paramLabel = "FILE", description = "Read the query from this file.")
        Path file;

        @Parameters(paramLabel = "QUERY", description = "The query text.")
        String query;
    }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "csv", description = "csv (default), tsv, json or xml.")
    String format;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop the query after this many seconds, every operator included (exit 1); 0, the default: no limit.")
    int timeout;

    @Override
    public Integer call() throws IOException {
        String q = text.file != null ? Files.readString(text.file, StandardCharsets.UTF_8) : text.query;
        String where = text.file != null ? text.file.toString() : "query";
        if (timeout < 0) {
            throw new ErrorHandler.UserException("--timeout must be 0 (no limit) or more");
        }
        Query query;
        try {
            query = QueryBounds.parse(q, null);
        } catch (QueryParseException e) {
            throw new ErrorHandler.UserException(where + ":" + e.getLine() + ":" + e.getColumn() + ": "
                    + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
        } catch (QueryException e) {
            throw new ErrorHandler.UserException(where + ": " + e.getMessage());
        }
        if (!Files.isDirectory(store.dir)) {
            throw new ErrorHandler.UserException(store.dir + " is not a store directory (build one with: regie demo --no-serve)");
        }
        GeoFunctions.register();
        OutputStream out = parent.out();
        try (Store s = Store.openExisting(store.dir)) {
            s.read(() -> {
                QueryExecDatasetBuilder b = QueryExec.newBuilder().dataset(s.dataset()).query(query)
                        .context(QueryBounds.context(s.dataset(), new AtomicBoolean()));
                if (timeout > 0) {
                    b.timeout(timeout, TimeUnit.SECONDS);
                }
                try (QueryExec qe = b.build()) {
                    print(query, qe, out);
                } catch (QueryCancelledException e) {
                    throw new ErrorHandler.UserException(where + ": stopped after --timeout " + timeout + " s");
                } catch (QueryException e) {
                    throw new ErrorHandler.UserException(where + ": " + e.getMessage());
                }
                return null;
            });
        }
        out.flush();
        return 0;
    }

    private void print(Query query, QueryExec qe, OutputStream out) {
        if (query.isSelectType()) {
            ResultSet rs = ResultSet.adapt(qe.select());
            switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> ResultSetFormatter.outputAsCSV(out, rs);
                case "tsv" -> ResultSetFormatter.outputAsTSV(out, rs);
                case "json" -> ResultSetFormatter.outputAsJSON(out, rs);
                case "xml" -> ResultSetFormatter.outputAsXML(out, rs);
                default -> throw new ErrorHandler.UserException("unknown format '" + format + "' (csv, tsv, json or xml)");
            }
        } else if (query.isAskType()) {
            boolean b = qe.ask();
            switch (format.toLowerCase(Locale.ROOT)) {
                case "json" -> ResultSetFormatter.outputAsJSON(out, b);
                case "xml" -> ResultSetFormatter.outputAsXML(out, b);
                default -> new PrintStream(out, true, StandardCharsets.UTF_8).println(b);
            }
        } else {
            RDFDataMgr.write(out, query.isConstructType() ? qe.construct() : qe.describe(), Lang.TURTLE);
        }
    }
}
