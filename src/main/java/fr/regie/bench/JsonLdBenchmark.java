package fr.regie.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.jsonld.JenaToTitanium;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.document.JsonDocument;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.registry.Registry;
import fr.regie.server.http.JsonLdContext;
import fr.regie.server.http.JsonLdWriter;
import fr.regie.store.Store;

import jakarta.json.Json;
import jakarta.json.JsonWriter;

/**
 * The two ways JSON-LD was compacted, side by side, on descriptions of the demo's resources:
 * Régie's writer ({@link JsonLdWriter}, the context's terms applied as it writes) and Titanium, a
 * full JSON-LD 1.1 processor (what taps used): the same documents with the same inlined context,
 * alternately, after a warm-up; the median of each and their ratio, and how many documents of
 * each read back (through Jena's JSON-LD reader) as the graph they were made from.
 */
public final class JsonLdBenchmark {
    /** The figures of one run. */
    public record Figures(int documents, long triples, double writerMs, double titaniumMs, int writerExact, int titaniumExact) {
        public double ratio() {
            return titaniumMs / writerMs;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLdBenchmark() {}

    public static Figures run(Store store, Registry registry, int sample, int runs, PrintWriter log) throws Exception {
        DatasetGraph dsg = store.dataset();
        List<String> iris = ResourceSample.of(dsg, registry, sample, d -> true);
        List<List<Triple>> docs = Txn.calculateRead(dsg, () -> {
            List<List<Triple>> out = new ArrayList<>();
            for (String iri : iris) {
                Node s = NodeFactory.createURI(iri);
                out.add(dsg.getUnionGraph().find(s, Node.ANY, Node.ANY).toList());
            }
            return out;
        });
        long triples = docs.stream().mapToLong(List::size).sum();
        JsonLdContext context = JsonLdContext.load();
        JsonLdWriter writer = new JsonLdWriter(context);
        JsonDocument titaniumContext = JsonDocument.of(new java.io.ByteArrayInputStream(context.document()));
        log.printf("regie bench jsonld: %d descriptions, %,d triples, %d runs of each%n", docs.size(), triples, runs);
        double[] w = new double[runs];
        double[] t = new double[runs];
        timeWriter(writer, context, docs);
        timeTitanium(titaniumContext, docs);
        for (int i = 0; i < runs; i++) {
            w[i] = timeWriter(writer, context, docs);
            t[i] = timeTitanium(titaniumContext, docs);
        }
        int writerExact = 0;
        int titaniumExact = 0;
        for (List<Triple> d : docs) {
            writerExact += same(d, JSON.writeValueAsString(writer.document(d, context.contextValue(), true))) ? 1 : 0;
            titaniumExact += same(d, titanium(titaniumContext, d)) ? 1 : 0;
        }
        return new Figures(docs.size(), triples, median(w), median(t), writerExact, titaniumExact);
    }

    private static double timeWriter(JsonLdWriter writer, JsonLdContext context, List<List<Triple>> docs) throws Exception {
        long t0 = System.nanoTime();
        for (List<Triple> d : docs) {
            JSON.writeValue(new ByteArrayOutputStream(), writer.document(d, context.contextValue(), true));
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double timeTitanium(JsonDocument context, List<List<Triple>> docs) throws Exception {
        long t0 = System.nanoTime();
        for (List<Triple> d : docs) {
            titanium(context, d);
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static String titanium(JsonDocument context, List<Triple> d) throws Exception {
        Graph g = GraphFactory.createDefaultGraph();
        d.forEach(g::add);
        var compacted = JsonLd.compact(JsonDocument.of(JenaToTitanium.convert(DatasetGraphFactory.wrap(g), new JsonLdOptions())), context).get();
        java.io.StringWriter out = new java.io.StringWriter();
        try (JsonWriter jw = Json.createWriter(out)) {
            jw.writeObject(compacted);
        }
        return out.toString();
    }

    private static boolean same(List<Triple> triples, String json) {
        Graph back = GraphFactory.createDefaultGraph();
        RDFParser.fromString(json, Lang.JSONLD).parse(back);
        Graph g = GraphFactory.createDefaultGraph();
        triples.forEach(g::add);
        return g.isIsomorphicWith(back);
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    public static void print(PrintWriter out, Figures f) {
        out.printf(Locale.ROOT, "%d descriptions, %,d triples, the context inlined%n", f.documents(), f.triples());
        out.printf(Locale.ROOT, "Régie's writer   %9.1f ms   read back as written: %d of %d%n", f.writerMs(), f.writerExact(), f.documents());
        out.printf(Locale.ROOT, "Titanium compact %9.1f ms   read back as written: %d of %d%n", f.titaniumMs(), f.titaniumExact(), f.documents());
        out.printf(Locale.ROOT, "Titanium / Régie's writer: %.1f%n", f.ratio());
        out.flush();
    }
}
