package fr.regie.server.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;

import fr.regie.registry.Registry;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;

/**
 * The access oracle's world: a registry with a dataset at each access level and a store whose
 * graphs share subjects, predicates and even whole triples, with blank nodes, RDF lists,
 * containers, typed and language-tagged literals and WKT geometries — random, from a seed.
 * For each caller, which datasets it may see is written here by hand from the registry's
 * levels (not asked of {@link Access}), and a physically separate in-memory dataset holds
 * exactly those graphs, with their union copied into its default graph: the model the server's
 * answers are compared with, queried by ARQ with no Régie code in between. A graph that is in
 * the store but not in the registry ("orphan") is nobody's, not even the operator's.
 */
final class OracleFixture implements AutoCloseable {
    static final String BASE = "https://o.example/";
    static final String V = "https://w3id.org/regie#";
    static final Map<String, String> ENV = Map.of("A_KEY", "k-a", "B_KEY", "k-b", "ADMIN_KEY", "k-admin");

    /** The callers of the oracle: their key (null for none) and the datasets they may see. */
    enum Who {
        ANONYMOUS(null, "territory", "pub"),
        PARTNER_A("k-a", "territory", "pub", "part", "sec-a", "sec-ab"),
        PARTNER_B("k-b", "territory", "pub", "part", "sec-b", "sec-ab"),
        ADMIN("k-admin", "territory", "pub", "part", "sec-a", "sec-b", "sec-ab");

        final String key;
        final List<String> datasets;

        Who(String key, String... datasets) {
            this.key = key;
            this.datasets = List.of(datasets);
        }
    }

    /** Every dataset of the fixture with its registry level; "orphan" is in the store only. */
    static final Map<String, String> LEVELS = new LinkedHashMap<>();
    static {
        LEVELS.put("pub", "regie:Public");
        LEVELS.put("part", "regie:Partners");
        LEVELS.put("sec-a", "regie:Restricted ; regie:accessPartner <#a>");
        LEVELS.put("sec-b", "regie:Restricted ; regie:accessPartner <#b>");
        LEVELS.put("sec-ab", "regie:Restricted ; regie:accessPartner <#a> , <#b>");
    }
    static final List<String> ALL = List.of("territory", "pub", "part", "sec-a", "sec-b", "sec-ab", "orphan");

    final GraphNames graphs = new GraphNames(BASE);
    final Registry registry;
    final Store store;
    /** Terms the query generator draws from: the fixture's own vocabulary. */
    final List<String> subjects = new ArrayList<>();
    final List<String> predicates = new ArrayList<>();
    final List<String> literals = new ArrayList<>();
    final List<String> graphIris = new ArrayList<>();
    private final Map<Who, DatasetGraph> models = new LinkedHashMap<>();

    private OracleFixture(Registry registry, Store store) {
        this.registry = registry;
        this.store = store;
    }

    static OracleFixture create(Path dir, long seed) throws IOException {
        Files.writeString(dir.resolve("m.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                <#M> rr:logicalTable [ rr:tableName "T" ] ; rr:subjectMap [ rr:template "id/t/{ID}" ] .
                """);
        StringBuilder reg = new StringBuilder("""
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                <#t> a regie:Territory ; dct:title "O" ; regie:baseIRI "%s" ; regie:referenceDataset <#territory> ;
                    regie:adminKeyEnv "ADMIN_KEY" .
                <#a> a foaf:Organization ; foaf:name "A" ; regie:apiKeyEnv "A_KEY" .
                <#b> a foaf:Organization ; foaf:name "B" ; regie:apiKeyEnv "B_KEY" .
                <#db> regie:jdbcUrl "jdbc:h2:mem:never-read" .
                <#territory> a dcat:Dataset ; dct:identifier "territory" ; dct:title "Territory" ; dct:publisher <#a> ;
                  regie:source <#db> ; regie:mapping <m.ttl> ; regie:linkBy regie:NoLink .
                """.formatted(BASE));
        LEVELS.forEach((id, level) -> reg.append("""
                <#%1$s> a dcat:Dataset ; dct:identifier "%1$s" ; dct:title "%1$s" ; dct:publisher <#a> ;
                  regie:source <#db> ; regie:mapping <m.ttl> ; regie:linkBy regie:NoLink ; regie:accessLevel %2$s .
                """.formatted(id, level)));
        Path file = dir.resolve("registry.ttl");
        Files.writeString(file, reg.toString());
        OracleFixture f = new OracleFixture(Registry.read(file), Store.open(dir.resolve("store")));
        f.fill(new Random(seed));
        for (Who w : Who.values()) {
            f.models.put(w, f.model(w));
        }
        return f;
    }

    private static Node iri(String s) {
        return NodeFactory.createURI(s);
    }

    /** Random triples in every graph, drawn from one small vocabulary so that graphs overlap. */
    private void fill(Random rnd) {
        for (int i = 0; i < 8; i++) {
            subjects.add(BASE + "id/thing/" + i);
        }
        for (int i = 0; i < 5; i++) {
            predicates.add(V + "p" + i);
        }
        predicates.add("https://schema.org/name");
        predicates.add(RDF.type.getURI());
        List<Node> objects = new ArrayList<>();
        subjects.forEach(s -> objects.add(iri(s)));
        objects.add(iri(V + "Facility"));
        objects.add(iri(V + "Station"));
        for (String s : List.of("Gare", "Mairie", "Secret", "a", "ab")) {
            objects.add(NodeFactory.createLiteralString(s));
        }
        objects.add(NodeFactory.createLiteralLang("Gare", "fr"));
        objects.add(NodeFactory.createLiteralLang("Station", "en"));
        for (String n : List.of("1", "2", "7", "40")) {
            objects.add(NodeFactory.createLiteralDT(n, XSDDatatype.XSDinteger));
        }
        objects.add(NodeFactory.createLiteralDT("2.5", XSDDatatype.XSDdecimal));
        objects.add(NodeFactory.createLiteralDT("2024-01-31", XSDDatatype.XSDdate));
        Node wkt = iri("http://www.opengis.net/ont/geosparql#wktLiteral");
        objects.add(NodeFactory.createLiteralDT("POINT(2.35 48.93)", NodeFactory.getType(wkt.getURI())));
        objects.add(NodeFactory.createLiteralDT("POLYGON((2.3 48.9, 2.4 48.9, 2.4 49.0, 2.3 49.0, 2.3 48.9))",
                NodeFactory.getType(wkt.getURI())));
        for (Node o : objects) {
            if (o.isLiteral()) {
                literals.add(render(o));
            }
        }
        // Triples that several graphs hold: the union must give each once, and no graph must leak it twice.
        List<Node[]> common = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            common.add(new Node[] {iri(subjects.get(rnd.nextInt(subjects.size()))), iri(predicates.get(rnd.nextInt(predicates.size()))),
                    objects.get(rnd.nextInt(objects.size()))});
        }
        Txn.executeWrite(store.dataset(), () -> {
            for (String ds : ALL) {
                Node g = graphs.dataset(ds);
                Node meta = graphs.meta(ds);
                graphIris.add(g.getURI());
                graphIris.add(meta.getURI());
                int n = 15 + rnd.nextInt(15);
                for (int i = 0; i < n; i++) {
                    Node s = iri(subjects.get(rnd.nextInt(subjects.size())));
                    Node p = iri(predicates.get(rnd.nextInt(predicates.size())));
                    Node o = objects.get(rnd.nextInt(objects.size()));
                    store.dataset().add(g, s, p, o);
                }
                for (Node[] t : common) {
                    if (rnd.nextBoolean()) {
                        store.dataset().add(g, t[0], t[1], t[2]);
                    }
                }
                // The same triples in several graphs: the union must count each once.
                store.dataset().add(g, iri(subjects.get(0)), iri(V + "p0"), NodeFactory.createLiteralString("everywhere"));
                // A dataset-specific marker, a blank node, a list and a container.
                Node marker = NodeFactory.createLiteralString("only-" + ds);
                store.dataset().add(g, iri(subjects.get(rnd.nextInt(subjects.size()))), iri("https://schema.org/name"), marker);
                Node b = NodeFactory.createBlankNode();
                store.dataset().add(g, iri(subjects.get(rnd.nextInt(subjects.size()))), iri(V + "p1"), b);
                store.dataset().add(g, b, iri(V + "p2"), marker);
                Node list = list(g, List.of(marker, iri(subjects.get(rnd.nextInt(subjects.size())))));
                store.dataset().add(g, iri(subjects.get(rnd.nextInt(subjects.size()))), iri(V + "p3"), list);
                Node bag = NodeFactory.createBlankNode();
                store.dataset().add(g, bag, RDF.type.asNode(), RDF.Bag.asNode());
                store.dataset().add(g, bag, RDF.li(1).asNode(), marker);
                store.dataset().add(g, iri(subjects.get(rnd.nextInt(subjects.size()))), iri(V + "p4"), bag);
                // Its records, as a refresh writes them.
                Node run = iri(BASE + "run/" + ds);
                store.dataset().add(meta, run, RDF.type.asNode(), iri("http://www.w3.org/ns/prov#Activity"));
                store.dataset().add(meta, run, iri("http://www.w3.org/ns/prov#used"), iri(subjects.get(rnd.nextInt(subjects.size()))));
                store.dataset().add(meta, run, iri(V + "p0"), marker);
            }
        });
        literals.add("\"everywhere\"");
        for (String ds : ALL) {
            literals.add("\"only-" + ds + "\"");
        }
    }

    private Node list(Node g, List<Node> items) {
        Node head = RDF.nil.asNode();
        for (int i = items.size() - 1; i >= 0; i--) {
            Node cell = NodeFactory.createBlankNode();
            store.dataset().add(g, cell, RDF.first.asNode(), items.get(i));
            store.dataset().add(g, cell, RDF.rest.asNode(), head);
            head = cell;
        }
        return head;
    }

    static String render(Node n) {
        return org.apache.jena.riot.out.NodeFmtLib.strNT(n);
    }

    /**
     * A separate in-memory dataset holding only the graphs of the datasets the caller may see
     * (and their records), their union physically in its default graph.
     */
    private DatasetGraph model(Who who) {
        Set<Node> keep = new LinkedHashSet<>();
        for (String ds : who.datasets) {
            keep.add(graphs.dataset(ds));
            keep.add(graphs.meta(ds));
        }
        DatasetGraph model = DatasetGraphFactory.createTxnMem();
        List<Quad> quads = Txn.calculateRead(store.dataset(), () -> {
            List<Quad> out = new ArrayList<>();
            store.dataset().find().forEachRemaining(q -> {
                if (keep.contains(q.getGraph())) {
                    out.add(q);
                }
            });
            return out;
        });
        Txn.executeWrite(model, () -> quads.forEach(q -> {
            model.add(q);
            model.getDefaultGraph().add(q.asTriple());
        }));
        return model;
    }

    DatasetGraph modelOf(Who who) {
        return models.get(who);
    }

    @Override
    public void close() {
        store.close();
        models.values().forEach(DatasetGraph::close);
    }
}
