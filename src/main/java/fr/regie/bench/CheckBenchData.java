package fr.regie.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

import fr.regie.registry.Registry;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.territory.TerritoryIndex;
import fr.regie.territory.Vocab;

/**
 * The check benchmark's partner: {@code rows} station-like records (id, name, INSEE commune code,
 * capacity, lat, lon) in one CSV file, whose codes are drawn from the store's own territory: 97 %
 * codes of today, 2 % former codes the COG history resolves (93059 among them), 1 % codes that
 * match nothing, and one capacity in 500 negative (a SHACL violation). The same rows are declared
 * twice in a copy of the demo registry: as a file mapped with RML, and as an embedded H2 table
 * ({@code schema.sql} and the CSV) mapped with R2RML, both to the same triples. Seeded: the same
 * rows every run.
 */
record CheckBenchData(Path registry, Path csv, Path folder, long rows, int codes, int formerCodes) {
    static final String RML_DATASET = "bench-stations-rml";
    static final String H2_DATASET = "bench-stations-h2";
    private static final String TABLE = "bench_station";
    private static final List<String> UNKNOWN = List.of("00000", "99999", "93999", "2C001", "75000");

    /** Writes the rows, the two mappings, the source folder and the registry under {@code dir}. */
    static CheckBenchData write(Path dir, Path demoRegistry, Store store, long rows) {
        try {
            Registry demo = Registry.read(demoRegistry);
            Path folder = Files.createDirectories(dir.resolve("stations"));
            Path data = Files.createDirectories(folder.resolve("data"));
            List<String> today = new ArrayList<>();
            List<String> former = new ArrayList<>();
            codes(demo, store, today, former);
            Path csv = data.resolve(TABLE + ".csv");
            generate(csv, rows, today, former);
            Files.writeString(folder.resolve("schema.sql"), """
                    CREATE TABLE %s (id VARCHAR(12) NOT NULL PRIMARY KEY, name VARCHAR(100), insee VARCHAR(5), capacity INTEGER,
                        lat DECIMAL(9,6), lon DECIMAL(9,6));
                    """.formatted(TABLE));
            Path rml = dir.resolve("stations-rml.ttl");
            Files.writeString(rml, mapping("rml", "rml:logicalSource [ a rml:LogicalSource ; rml:source \"" + TABLE
                    + ".csv\" ; rml:referenceFormulation rml:CSV ]", "rml:reference"));
            Path r2rml = dir.resolve("stations-r2rml.ttl");
            Files.writeString(r2rml, mapping("rr", "rr:logicalTable [ rr:tableName \"" + TABLE + "\" ]", "rr:column"));
            Path registry = dir.resolve("registry.ttl");
            // The demo's registry, its relative IRIs resolved against its own place, and the two bench datasets.
            String text = "@base <" + demoRegistry.toAbsolutePath().normalize().toUri() + "> .\n"
                    + Files.readString(demoRegistry, StandardCharsets.UTF_8) + "\n" + datasets(csv, folder, rml, r2rml);
            Files.writeString(registry, text, StandardCharsets.UTF_8);
            return new CheckBenchData(registry, csv, folder, rows, today.size(), former.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the check benchmark's files under " + dir, e);
        }
    }

    /** Codes of today (communes of the reference) and former codes that its history resolves to one of them. */
    private static void codes(Registry demo, Store store, List<String> today, List<String> former) {
        GraphNames graphs = new GraphNames(demo.territory().baseIri());
        DatasetGraph dsg = store.dataset();
        TreeSet<String> now = new TreeSet<>();
        TreeSet<String> before = new TreeSet<>();
        TerritoryIndex index = Txn.calculateRead(dsg, () -> {
            Graph g = dsg.getGraph(graphs.dataset(demo.territory().referenceDataset()));
            g.find(Node.ANY, org.apache.jena.vocabulary.RDF.Nodes.type, Vocab.Commune).forEachRemaining(t ->
                    g.find(t.getSubject(), Vocab.codeINSEE, Node.ANY).forEachRemaining(c -> now.add(c.getObject().getLiteralLexicalForm())));
            g.find(Node.ANY, Vocab.codeBefore, Node.ANY).forEachRemaining(t -> before.add(t.getObject().getLiteralLexicalForm()));
            return TerritoryIndex.of(g);
        });
        if (now.isEmpty()) {
            throw new IllegalStateException("the store has no communes in its territory reference: build it first (regie demo --no-serve)");
        }
        before.removeAll(now);
        before.removeIf(c -> index.resolve(c).isEmpty());
        before.add("93059");
        today.addAll(now);
        former.addAll(before);
    }

    private static void generate(Path csv, long rows, List<String> today, List<String> former) throws IOException {
        Random rnd = new Random(20260406L);
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("id,name,insee,capacity,lat,lon\n");
            for (long i = 1; i <= rows; i++) {
                int dice = rnd.nextInt(100);
                String code = dice < 97 ? today.get(rnd.nextInt(today.size()))
                        : dice < 99 ? former.get(rnd.nextInt(former.size())) : UNKNOWN.get(rnd.nextInt(UNKNOWN.size()));
                int capacity = rnd.nextInt(500) == 0 ? -1 - rnd.nextInt(9) : 10 + rnd.nextInt(60);
                double lat = 48.75 + rnd.nextDouble() * 0.25;
                double lon = 2.20 + rnd.nextDouble() * 0.35;
                w.write(String.format(Locale.ROOT, "S%07d,Station %d - rue %s,%s,%d,%.6f,%.6f%n", i, i,
                        STREETS[rnd.nextInt(STREETS.length)], code, capacity, lat, lon));
            }
        }
    }

    private static final String[] STREETS = {"de Paris", "Gabriel Péri", "Jean Jaurès", "de la République", "Pierre Sémard",
        "du Landy", "Danielle Casanova", "Émile Zola"};

    /** One mapping, in RML or R2RML ({@code ns}), to the same triples. */
    private static String mapping(String ns, String source, String ref) {
        return """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix rml: <http://w3id.org/rml/> .
                @prefix regie: <https://w3id.org/regie#> .
                @prefix schema: <https://schema.org/> .
                @prefix wgs: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                <#Station> a NS:TriplesMap ; SOURCE ;
                  NS:subjectMap [ NS:template "id/bench-station/{id}" ; NS:class regie:BikeShareStation ] ;
                  NS:predicateObjectMap [ NS:predicate schema:identifier ; NS:objectMap [ REF "id" ] ] ;
                  NS:predicateObjectMap [ NS:predicate schema:name ; NS:objectMap [ REF "name" ; NS:language "fr" ] ] ;
                  NS:predicateObjectMap [ NS:predicate regie:communeCode ; NS:objectMap [ REF "insee" ] ] ;
                  NS:predicateObjectMap [ NS:predicate regie:dockCount ; NS:objectMap [ REF "capacity" ; NS:datatype xsd:integer ] ] ;
                  NS:predicateObjectMap [ NS:predicate wgs:lat ; NS:objectMap [ REF "lat" ; NS:datatype xsd:decimal ] ] ;
                  NS:predicateObjectMap [ NS:predicate wgs:long ; NS:objectMap [ REF "lon" ; NS:datatype xsd:decimal ] ] .
                """.replace("NS:", ns + ":").replace("SOURCE", source).replace("REF", ref);
    }

    private static String datasets(Path csv, Path folder, Path rml, Path r2rml) {
        return """
                <#bench-rml> a dcat:Dataset ; dct:identifier "%s" ; dct:title "Bench stations (CSV, RML)"@en ; dct:publisher <#velib> ;
                    regie:source [ regie:file <%s> ; regie:encoding "UTF-8" ; regie:delimiter "," ] ;
                    regie:mapping <%s> ; regie:shapes <../../ontology/shapes/partners.ttl> ; regie:linkBy regie:CommuneCode ;
                    regie:accessLevel regie:Public .
                <#bench-h2> a dcat:Dataset ; dct:identifier "%s" ; dct:title "Bench stations (H2, R2RML)"@en ; dct:publisher <#velib> ;
                    regie:source [ regie:embeddedDatabase "bench-stations" ; regie:loadFrom <%s> ] ;
                    regie:mapping <%s> ; regie:shapes <../../ontology/shapes/partners.ttl> ; regie:linkBy regie:CommuneCode ;
                    regie:accessLevel regie:Public .
                """.formatted(RML_DATASET, csv.toAbsolutePath().toUri(), rml.toAbsolutePath().toUri(), H2_DATASET,
                folder.toAbsolutePath().toUri(), r2rml.toAbsolutePath().toUri());
    }
}
