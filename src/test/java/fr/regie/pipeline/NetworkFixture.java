package fr.regie.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.testing.TestDb;
import fr.regie.registry.Registry;
import fr.regie.registry.Territory;

/**
 * A dataset of bike networks and their stations, for the gate and guard tests: stations name
 * their network by a template on their own column (no join), so a change to a network leaves its
 * stations' rows, and the row state's touched subjects, untouched. Shapes: a station's network
 * is an ex:Network; a network has at most three stations. The registry takes extra properties
 * for the dataset (regie:maxRemovalShare).
 */
final class NetworkFixture {
    static final String BASE = "https://t.example/";
    static final String SHAPES = """
            @prefix sh: <http://www.w3.org/ns/shacl#> .
            @prefix ex: <https://t.example/def#> .
            <#Station> a sh:NodeShape ; sh:targetClass ex:Station ;
              sh:property [ sh:path ex:network ; sh:class ex:Network ] .
            <#Network> a sh:NodeShape ; sh:targetClass ex:Network ;
              sh:property [ sh:path [ sh:inversePath ex:network ] ; sh:maxCount 3 ] .
            """;

    private NetworkFixture() {}

    /** Tables with two networks and four stations (three in network 1); returns the registry. */
    static Path write(TestDb db, Path dir, String datasetExtra) throws IOException {
        db.execute("CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50))", "INSERT INTO commune VALUES ('93066', 'Saint-Denis')",
                "CREATE TABLE network (id INTEGER PRIMARY KEY, name VARCHAR(40))",
                "CREATE TABLE station (id INTEGER PRIMARY KEY, name VARCHAR(40), network_id INTEGER, places INTEGER)",
                "INSERT INTO network VALUES (1, 'Vélib'), (2, 'Véligo')",
                "INSERT INTO station VALUES (1, 'Gare', 1, 20), (2, 'Mairie', 1, 12), (3, 'Stade', 1, 30), (4, 'Canal', 2, 8)");
        Files.writeString(dir.resolve("territory.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                <#C> rr:logicalTable [ rr:tableName "commune" ] ; rr:subjectMap [ rr:template "id/commune/{code}" ] ;
                  rr:predicateObjectMap [ rr:predicate <https://t.example/def#nom> ; rr:objectMap [ rr:column "nom" ] ] .
                """);
        Files.writeString(dir.resolve("networks.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix ex: <https://t.example/def#> .
                <#N> rr:logicalTable [ rr:tableName "network" ] ; rr:subjectMap [ rr:template "id/network/{id}" ; rr:class ex:Network ] ;
                  rr:predicateObjectMap [ rr:predicate ex:name ; rr:objectMap [ rr:column "name" ] ] .
                <#S> rr:logicalTable [ rr:tableName "station" ] ; rr:subjectMap [ rr:template "id/station/{id}" ; rr:class ex:Station ] ;
                  rr:predicateObjectMap [ rr:predicate ex:name ; rr:objectMap [ rr:column "name" ] ] ;
                  rr:predicateObjectMap [ rr:predicate ex:network ; rr:objectMap [ rr:template "id/network/{network_id}" ] ] ;
                  rr:predicateObjectMap [ rr:predicate ex:places ; rr:objectMap [ rr:column "places" ] ] .
                """);
        Files.writeString(dir.resolve("shapes.ttl"), SHAPES);
        Path reg = dir.resolve("registry.ttl");
        Files.writeString(reg, """
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                <#t> a regie:Territory ; dct:title "T" ; regie:baseIRI "%s" ; regie:referenceDataset <#territory> .
                <#p> foaf:name "P" .
                <#db> regie:jdbcUrl "%s" .
                <#territory> a dcat:Dataset ; dct:identifier "territory" ; dct:title "Territory" ; dct:publisher <#p> ;
                  regie:source <#db> ; regie:mapping <territory.ttl> ; regie:linkBy regie:NoLink .
                <#networks> a dcat:Dataset ; dct:identifier "networks" ; dct:title "Networks" ; dct:publisher <#p> ;
                  regie:source <#db> ; regie:mapping <networks.ttl> ; regie:shapes <shapes.ttl> ; regie:linkBy regie:NoLink %s .
                """.formatted(BASE, db.url(), datasetExtra));
        return reg;
    }

    static Refresher refresher(Registry reg, Store store, Path dir) {
        Refresher r = new Refresher(reg, store, dir, new Refresher.Options(0, Duration.ofMillis(1), 0));
        RefreshResult t = r.refresh(reg.dataset("territory").orElseThrow()).orElseThrow();
        if (t.outcome() != RefreshResult.Outcome.ACCEPTED) {
            throw new IllegalStateException(t.line());
        }
        return r;
    }

    static Set<Triple> graph(Store store) {
        DatasetGraph dsg = store.dataset();
        Node g = new GraphNames(BASE).dataset("networks");
        return Txn.calculateRead(dsg, () -> new HashSet<>(dsg.getGraph(g).find().toList()));
    }
}
