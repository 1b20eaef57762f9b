package fr.regie.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.query.DatasetFactory;

import fr.regie.store.Store;
import fr.regie.territory.GeoFunctions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
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

    @Option(names = "--store", required = true, paramLabel = "DIR", description = "The TDB2 store directory.")
    Path store;

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

    @Override
    public Integer call() throws IOException {
        String q = text.file != null ? Files.readString(text.file, StandardCharsets.UTF_8) : text.query;
        String where = text.file != null ? text.file.toString() : "query";
        Query query;
        try {
            query = QueryFactory.create(q);
        } catch (QueryParseException e) {
            throw new ErrorHandler.UserException(where + ":" + e.getLine() + ":" + e.getColumn() + ": "
                    + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
        }
        if (!Files.isDirectory(store)) {
            throw new ErrorHandler.UserException(store + " is not a store directory (build one with: regie demo --no-serve)");
        }
        GeoFunctions.register();
        OutputStream out = parent.out();
        try (Store s = Store.openExisting(store)) {
            s.read(() -> {
                try (QueryExecution qe = QueryExecutionFactory.create(query, DatasetFactory.wrap(s.dataset()))) {
                    print(query, qe, out);
                }
                return null;
            });
        }
        out.flush();
        return 0;
    }

    private void print(Query query, QueryExecution qe, OutputStream out) {
        if (query.isSelectType()) {
            ResultSet rs = qe.execSelect();
            switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> ResultSetFormatter.outputAsCSV(out, rs);
                case "tsv" -> ResultSetFormatter.outputAsTSV(out, rs);
                case "json" -> ResultSetFormatter.outputAsJSON(out, rs);
                case "xml" -> ResultSetFormatter.outputAsXML(out, rs);
                default -> throw new ErrorHandler.UserException("unknown format '" + format + "' (csv, tsv, json or xml)");
            }
        } else if (query.isAskType()) {
            boolean b = qe.execAsk();
            switch (format.toLowerCase(Locale.ROOT)) {
                case "json" -> ResultSetFormatter.outputAsJSON(out, b);
                case "xml" -> ResultSetFormatter.outputAsXML(out, b);
                default -> new java.io.PrintStream(out, true, StandardCharsets.UTF_8).println(b);
            }
        } else {
            Model m = query.isConstructType() ? qe.execConstruct() : qe.execDescribe();
            RDFDataMgr.write(out, m, Lang.TURTLE);
        }
    }
}
