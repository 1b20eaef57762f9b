package fr.regie.server.access;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;

/**
 * The answer to a query in a form that compares across stores: rows as a sorted multiset
 * (blank nodes, whose labels are the store's own, all written {@code _:}), a boolean, or a graph
 * compared by isomorphism; an HTTP failure is an answer too, and never equals a result.
 */
final class Answers {
    private Answers() {}

    /** A comparable answer. */
    sealed interface Answer {
        boolean same(Answer other);
    }

    record Rows(List<String> vars, List<String> rows) implements Answer {
        public boolean same(Answer o) {
            return equals(o);
        }

        @Override
        public String toString() {
            return "vars " + vars + ", " + rows.size() + " row(s)" + (rows.isEmpty() ? "" : ":\n    " + String.join("\n    ", rows));
        }
    }

    record Bool(boolean value) implements Answer {
        public boolean same(Answer o) {
            return equals(o);
        }
    }

    record Triples(Graph graph) implements Answer {
        public boolean same(Answer o) {
            return o instanceof Triples t && t.graph.size() == graph.size() && t.graph.isIsomorphicWith(graph);
        }

        @Override
        public String toString() {
            List<String> lines = new ArrayList<>();
            graph.find().forEach(t -> lines.add(NodeFmtLib.str(t)));
            Collections.sort(lines);
            return graph.size() + " triple(s)" + (lines.isEmpty() ? "" : ":\n    " + String.join("\n    ", lines));
        }
    }

    record Failed(int status, String body) implements Answer {
        public boolean same(Answer o) {
            return false;
        }
    }

    /** The answer of the model store, queried directly (TDB2's own engine, its union default graph). */
    static Answer local(DatasetGraph model, String text) {
        Query query = QueryFactory.create(text);
        return Txn.calculateRead(model, () -> {
            try (QueryExec qe = QueryExec.dataset(model).query(query).build()) {
                if (query.isSelectType()) {
                    return rows(qe.select());
                }
                if (query.isAskType()) {
                    return new Bool(qe.ask());
                }
                Graph g = GraphFactory.createDefaultGraph();
                (query.isConstructType() ? qe.construct() : qe.describe()).find().forEach(g::add);
                return new Triples(g);
            }
        });
    }

    /** The server's answer to the caller with this key (null: no key), over HTTP. */
    static Answer remote(HttpClient client, String base, String key, String text) throws Exception {
        Query query = QueryFactory.create(text);
        boolean graph = query.isConstructType() || query.isDescribeType();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/sparql"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", graph ? "application/rdf+thrift" : "application/sparql-results+json")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(text, StandardCharsets.UTF_8)));
        if (key != null) {
            b.header("X-API-Key", key);
        }
        HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            return new Failed(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        }
        try {
            return parse(query, graph, r.body());
        } catch (RuntimeException e) {
            // A body cut short or malformed (an error after the answer had started) is a failure too.
            String body = new String(r.body(), StandardCharsets.UTF_8);
            return new Failed(200, e.getMessage() + "\n" + body.substring(Math.max(0, body.length() - 2_000)));
        }
    }

    private static Answer parse(Query query, boolean graph, byte[] body) {
        if (graph) {
            Graph g = GraphFactory.createDefaultGraph();
            // Thrift, which carries any term anywhere: what is compared is what the server wrote.
            RDFParser.source(new ByteArrayInputStream(body)).lang(Lang.RDFTHRIFT).parse(g);
            return new Triples(g);
        }
        if (query.isAskType()) {
            return new Bool(ResultSetMgr.readBoolean(new ByteArrayInputStream(body), ResultSetLang.RS_JSON));
        }
        return rows(RowSet.adapt(ResultSetMgr.read(new ByteArrayInputStream(body), ResultSetLang.RS_JSON)));
    }

    private static Rows rows(RowSet rs) {
        List<String> vars = rs.getResultVars().stream().map(v -> v.getVarName()).toList();
        List<String> rows = new ArrayList<>();
        while (rs.hasNext()) {
            Binding b = rs.next();
            TreeMap<String, String> row = new TreeMap<>();
            for (var v : rs.getResultVars()) {
                Node n = b.get(v);
                if (n != null) {
                    row.put(v.getVarName(), n.isBlank() ? "_:" : NodeFmtLib.strNT(n));
                }
            }
            rows.add(row.toString());
        }
        Collections.sort(rows);
        return new Rows(vars, rows);
    }
}
