package fr.regie.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.r2rml.Database;
import fr.regie.r2rml.MappingReader;
import fr.regie.r2rml.R2rml;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.store.Store;
import fr.regie.territory.CommuneLinker;
import fr.regie.territory.LinkMethod;
import fr.regie.territory.TerritoryIndex;
import fr.regie.testing.TestDb;

/**
 * An incremental refresh keeps what a record's point gave it when only another column of the
 * record changed: the point is in the geometry's own row (a second triples map over its own
 * query, as the demo's mappings do), unchanged, so the refresh maps that row again for the linker. Stations placed by code (regie:inIris only)
 * and by geometry (regie:inCommune and regie:inIris), on a real H2 source and a real TDB2 store,
 * compared with a full run of the mapping.
 */
class IncrementalPlacementTest {
    private static final String REGIE = "https://w3id.org/regie#";

    @TempDir
    Path dir;
    private TestDb db;
    private Path registryFile;

    @BeforeEach
    void source() throws Exception {
        db = TestDb.create(TestDb.Kind.H2);
        db.execute("CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50), wkt VARCHAR(200))",
                "CREATE TABLE iris (code VARCHAR(9) PRIMARY KEY, nom VARCHAR(50), wkt VARCHAR(200))",
                "CREATE TABLE station (id INTEGER PRIMARY KEY, nom VARCHAR(50), code VARCHAR(5), lon DECIMAL(9,6), lat DECIMAL(9,6))",
                "INSERT INTO commune VALUES ('93066', 'Saint-Denis', 'POLYGON ((2.3 48.9, 2.4 48.9, 2.4 49.0, 2.3 49.0, 2.3 48.9))'),"
                        + " ('93001', 'Aubervilliers', 'POLYGON ((2.4 48.9, 2.5 48.9, 2.5 49.0, 2.4 49.0, 2.4 48.9))')",
                "INSERT INTO iris VALUES ('930660101', 'Ouest', 'POLYGON ((2.3 48.9, 2.35 48.9, 2.35 49.0, 2.3 49.0, 2.3 48.9))'),"
                        + " ('930660102', 'Est', 'POLYGON ((2.35 48.9, 2.4 48.9, 2.4 49.0, 2.35 49.0, 2.35 48.9))')",
                "INSERT INTO station VALUES (1, 'Stade', '93066', 2.32, 48.95), (2, 'Pleyel', '93066', 2.37, 48.95),"
                        + " (3, 'Mairie', '93001', 2.45, 48.95)");
        Files.writeString(dir.resolve("territory.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix igeo: <http://rdf.insee.fr/def/geo#> .
                @prefix regie: <https://w3id.org/regie#> .
                @prefix geo: <http://www.opengis.net/ont/geosparql#> .
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                <#C> rr:logicalTable [ rr:tableName "commune" ] ;
                  rr:subjectMap [ rr:template "id/commune/{code}" ; rr:class igeo:Commune ] ;
                  rr:predicateObjectMap [ rr:predicate igeo:codeINSEE ; rr:objectMap [ rr:column "code" ; rr:datatype xsd:token ] ] ;
                  rr:predicateObjectMap [ rr:predicate igeo:nom ; rr:objectMap [ rr:column "nom" ] ] .
                <#B> rr:logicalTable [ rr:tableName "commune" ] ;
                  rr:subjectMap [ rr:template "id/boundary/{code}" ; rr:class regie:Boundary ] ;
                  rr:predicateObjectMap [ rr:predicate igeo:codeINSEE ; rr:objectMap [ rr:column "code" ; rr:datatype xsd:token ] ] ;
                  rr:predicateObjectMap [ rr:predicate geo:hasGeometry ; rr:objectMap [ rr:template "id/boundary/{code}/geometry" ] ] .
                <#BG> rr:logicalTable [ rr:tableName "commune" ] ;
                  rr:subjectMap [ rr:template "id/boundary/{code}/geometry" ] ;
                  rr:predicateObjectMap [ rr:predicate geo:asWKT ; rr:objectMap [ rr:column "wkt" ; rr:datatype geo:wktLiteral ] ] .
                <#I> rr:logicalTable [ rr:tableName "iris" ] ;
                  rr:subjectMap [ rr:template "id/iris/{code}" ; rr:class igeo:IRIS ] ;
                  rr:predicateObjectMap [ rr:predicate igeo:codeINSEE ; rr:objectMap [ rr:column "code" ; rr:datatype xsd:token ] ] ;
                  rr:predicateObjectMap [ rr:predicate geo:hasGeometry ; rr:objectMap [ rr:template "id/iris/{code}/geometry" ] ] .
                <#IG> rr:logicalTable [ rr:tableName "iris" ] ;
                  rr:subjectMap [ rr:template "id/iris/{code}/geometry" ] ;
                  rr:predicateObjectMap [ rr:predicate geo:asWKT ; rr:objectMap [ rr:column "wkt" ; rr:datatype geo:wktLiteral ] ] .
                """);
        Files.writeString(dir.resolve("stations.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix regie: <https://w3id.org/regie#> .
                @prefix schema: <https://schema.org/> .
                @prefix geo: <http://www.opengis.net/ont/geosparql#> .
                <#S> rr:logicalTable [ rr:tableName "station" ] ;
                  rr:subjectMap [ rr:template "id/station/{id}" ; rr:class regie:BikeShareStation ] ;
                  rr:predicateObjectMap [ rr:predicate schema:name ; rr:objectMap [ rr:column "nom" ] ] ;
                  rr:predicateObjectMap [ rr:predicate regie:communeCode ; rr:objectMap [ rr:column "code" ] ] ;
                  rr:predicateObjectMap [ rr:predicate geo:hasGeometry ; rr:objectMap [ rr:template "id/station/{id}/geometry" ] ] .
                <#G> rr:logicalTable [ rr:sqlQuery "SELECT id, lon, lat FROM station" ] ;
                  rr:subjectMap [ rr:template "id/station/{id}/geometry" ] ;
                  rr:predicateObjectMap [ rr:predicate geo:asWKT ;
                    rr:objectMap [ rr:template "POINT({lon} {lat})" ; rr:termType rr:Literal ; rr:datatype geo:wktLiteral ] ] .
                """);
        registryFile = dir.resolve("registry.ttl");
        Files.writeString(registryFile, """
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                <#t> a regie:Territory ; dct:title "T" ; regie:baseIRI "%s" ; regie:referenceDataset <#territory> .
                <#p> foaf:name "P" .
                <#db> regie:jdbcUrl "%s" .
                <#territory> a dcat:Dataset ; dct:identifier "territory" ; dct:title "Territory" ; dct:publisher <#p> ;
                  regie:source <#db> ; regie:mapping <territory.ttl> ; regie:linkBy regie:NoLink .
                <#by-code> a dcat:Dataset ; dct:identifier "by-code" ; dct:title "By code" ; dct:publisher <#p> ;
                  regie:source <#db> ; regie:mapping <stations.ttl> ; regie:linkBy regie:CommuneCode .
                <#by-point> a dcat:Dataset ; dct:identifier "by-point" ; dct:title "By point" ; dct:publisher <#p> ;
                  regie:source <#db> ; regie:mapping <stations.ttl> ; regie:linkBy regie:Geometry .
                """.formatted(RefreshFixture.BASE, db.url()));
    }

    @AfterEach
    void drop() {
        db.close();
    }

    /** What a full run of the mapping gives, linked by {@code method} to the store's territory. */
    private Set<Triple> fullMap(Store store, LinkMethod method) {
        Graph g = GraphFactory.createGraphMem();
        Graph tg = GraphFactory.createGraphMem();
        RefreshFixture.graph(store, "territory").forEach(tg::add);
        try (Database d = Database.connect(db.url(), null, null)) {
            R2rml.create().mapping(MappingReader.read(dir.resolve("stations.ttl"))).database(d).baseIri(RefreshFixture.BASE)
                    .build().run(new CommuneLinker(StreamRDFLib.graph(g), TerritoryIndex.of(tg), method));
        }
        Set<Triple> out = new HashSet<>();
        g.find().forEachRemaining(out::add);
        return out;
    }

    private static Triple link(String station, String p, String target) {
        return Triple.create(NodeFactory.createURI(RefreshFixture.BASE + "id/station/" + station), NodeFactory.createURI(REGIE + p),
                NodeFactory.createURI(RefreshFixture.BASE + target));
    }

    @Test
    void aChangedNameKeepsThePlacementsItsUnchangedPointGave() throws Exception {
        Registry reg = Registry.read(registryFile);
        try (Store store = Store.open(dir.resolve("store"))) {
            Refresher r = new Refresher(reg, store, dir, new Refresher.Options(1, Duration.ofMillis(10), 0));
            assertEquals(RefreshResult.Outcome.ACCEPTED, r.refresh(reg.dataset("territory").orElseThrow()).orElseThrow().outcome());
            for (String id : new String[] {"by-code", "by-point"}) {
                DatasetSpec spec = reg.dataset(id).orElseThrow();
                RefreshResult first = r.refresh(spec).orElseThrow();
                assertEquals(RefreshResult.Outcome.ACCEPTED, first.outcome(), first.line());
                assertEquals(2, first.irisPlaced(), id + ": two stations in the IRIS contours, one outside");
            }
            db.execute("UPDATE station SET nom = 'Stade de France' WHERE id = 1", "UPDATE station SET nom = 'Mairie d''Aubervilliers' WHERE id = 3");
            for (String id : new String[] {"by-code", "by-point"}) {
                DatasetSpec spec = reg.dataset(id).orElseThrow();
                RefreshResult change = r.refresh(spec).orElseThrow();
                assertEquals(RefreshResult.Outcome.ACCEPTED, change.outcome(), change.line());
                assertTrue(change.incremental(), change.line());
                assertEquals(2, change.removed(), id + ": only the two old names go");
                Set<Triple> live = RefreshFixture.graph(store, id);
                assertEquals(fullMap(store, spec.linkBy()), live, id + ": an incremental refresh gives what a full run gives");
                assertTrue(live.contains(link("1", "inIris", "id/iris/930660101")), id);
                assertTrue(live.contains(link("1", "inCommune", "id/commune/93066")), id);
                assertTrue(live.contains(link("3", "inCommune", "id/commune/93001")), id);
            }
        }
    }
}
