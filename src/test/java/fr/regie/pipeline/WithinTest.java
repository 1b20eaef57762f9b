package fr.regie.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.registry.Registry;
import fr.regie.store.Store;
import fr.regie.testing.TestDb;

/**
 * {@code regie:within}: a dataset scoped to a territory keeps exactly the records placed in its
 * communes (and what only they describe), whatever the changes of the source; a record whose
 * code names no commune is left out too. Oracle: the same
 * dataset refreshed unscoped in a second store, cut in plain Java by the département each
 * station's row names (the rows are the model, not Régie's linker). Seeded rounds of random
 * changes (stations moving in and out, appearing, disappearing, unknown codes);
 * {@code -Dregie.test.cases=N} runs more.
 */
class WithinTest {
    private static final String BASE = "https://t.example/";
    private static final String[] DEPS = {"93", "92", "75"};

    @TempDir
    Path dir;
    private TestDb db;

    @BeforeEach
    void source() throws Exception {
        db = TestDb.create(TestDb.Kind.H2);
        db.execute("CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, dep VARCHAR(3))",
                "CREATE TABLE station (id INTEGER PRIMARY KEY, code VARCHAR(5), places INTEGER)");
        StringBuilder communes = new StringBuilder();
        for (String d : DEPS) {
            for (int i = 1; i <= 4; i++) {
                communes.append(communes.isEmpty() ? "" : ",").append("('").append(d).append("00").append(i).append("','").append(d).append("')");
            }
        }
        db.execute("INSERT INTO commune VALUES " + communes);
        Files.writeString(dir.resolve("territory.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix igeo: <http://rdf.insee.fr/def/geo#> .
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                <#C> rr:logicalTable [ rr:tableName "commune" ] ;
                  rr:subjectMap [ rr:template "id/commune/{code}" ; rr:class igeo:Commune ] ;
                  rr:predicateObjectMap [ rr:predicate igeo:codeINSEE ; rr:objectMap [ rr:column "code" ; rr:datatype xsd:token ] ] ;
                  rr:predicateObjectMap [ rr:predicate igeo:subdivisionDe ; rr:objectMap [ rr:template "id/departement/{dep}" ] ] .
                <#D> rr:logicalTable [ rr:sqlQuery "SELECT DISTINCT dep FROM commune" ] ;
                  rr:subjectMap [ rr:template "id/departement/{dep}" ; rr:class igeo:Departement ] .
                """);
        // Each station has a geometry node of its own: it must go with a station left out.
        Files.writeString(dir.resolve("stations.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix regie: <https://w3id.org/regie#> .
                @prefix geo: <http://www.opengis.net/ont/geosparql#> .
                <#S> rr:logicalTable [ rr:tableName "station" ] ;
                  rr:subjectMap [ rr:template "id/station/{id}" ; rr:class regie:BikeShareStation ] ;
                  rr:predicateObjectMap [ rr:predicate regie:communeCode ; rr:objectMap [ rr:column "code" ] ] ;
                  rr:predicateObjectMap [ rr:predicate regie:dockCount ; rr:objectMap [ rr:column "places" ] ] ;
                  rr:predicateObjectMap [ rr:predicate geo:hasGeometry ; rr:objectMap [ rr:template "id/station/{id}/geometry" ] ] .
                <#G> rr:logicalTable [ rr:tableName "station" ] ;
                  rr:subjectMap [ rr:template "id/station/{id}/geometry" ; rr:class geo:Geometry ] ;
                  rr:predicateObjectMap [ rr:predicate geo:asWKT ; rr:objectMap [ rr:template "POINT(2.{id} 48.9)" ; rr:datatype geo:wktLiteral ] ] .
                """);
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private Path registry(String name, String within) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, """
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
                <#stations> a dcat:Dataset ; dct:identifier "stations" ; dct:title "Stations" ; dct:publisher <#p> ;
                  regie:source <#db> ; regie:mapping <stations.ttl> ; regie:maxRemovalShare "1"^^xsd:decimal ;
                  regie:linkBy regie:CommuneCode %s .
                """.formatted(BASE, db.url(), within));
        return f;
    }

    @Test
    void aScopedDatasetKeepsExactlyTheRecordsOfItsTerritory() throws Exception {
        long seed = Long.getLong("regie.test.seed", 20261206L);
        int rounds = Integer.getInteger("regie.test.cases", 12);
        Random rnd = new Random(seed);
        Registry scoped = Registry.read(registry("scoped.ttl", "; regie:within <" + BASE + "id/departement/93>"));
        Registry whole = Registry.read(registry("whole.ttl", ""));
        Map<Integer, String[]> rows = new LinkedHashMap<>();
        try (Store a = Store.open(dir.resolve("scoped")); Store b = Store.open(dir.resolve("whole"))) {
            Refresher ra = new Refresher(scoped, a, dir.resolve("wa"), new Refresher.Options(0, Duration.ofMillis(1), 0));
            Refresher rb = new Refresher(whole, b, dir.resolve("wb"), new Refresher.Options(0, Duration.ofMillis(1), 0));
            ra.refresh(scoped.dataset("territory").orElseThrow()).orElseThrow();
            rb.refresh(whole.dataset("territory").orElseThrow()).orElseThrow();
            for (int round = 0; round < rounds; round++) {
                change(rnd, rows);
                RefreshResult r = ra.refresh(scoped.dataset("stations").orElseThrow()).orElseThrow();
                rb.refresh(whole.dataset("stations").orElseThrow()).orElseThrow();
                Set<Triple> expected = cut(RefreshFixture.graph(b, "stations"), rows);
                Set<Triple> actual = RefreshFixture.graph(a, "stations");
                assertEquals(sorted(expected), sorted(actual), "seed " + seed + ", round " + round + ", rows " + describe(rows));
                long outside = rows.values().stream().filter(x -> !x[0].startsWith("93")).count();
                if (r.outcome() == RefreshResult.Outcome.ACCEPTED && !r.changes().incremental() && outside > 0) {
                    assertTrue(r.message().contains(outside + " records outside"), r.message());
                }
            }
        }
    }

    /** One round of random changes to the station table (and the model of it). */
    private void change(Random rnd, Map<Integer, String[]> rows) throws Exception {
        List<String> sql = new ArrayList<>();
        int n = 1 + rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            int id = 1 + rnd.nextInt(12);
            String code = rnd.nextInt(10) == 0 ? "99001" : DEPS[rnd.nextInt(DEPS.length)] + "00" + (1 + rnd.nextInt(4));
            int places = rnd.nextInt(40);
            if (rows.containsKey(id) && rnd.nextInt(4) == 0) {
                rows.remove(id);
                sql.add("DELETE FROM station WHERE id = " + id);
            } else {
                rows.put(id, new String[] {code, Integer.toString(places)});
                sql.add("MERGE INTO station KEY (id) VALUES (" + id + ", '" + code + "', " + places + ")");
            }
        }
        db.execute(sql.toArray(String[]::new));
    }

    /** The unscoped graph without the stations whose row names a commune outside 93 or none (nor their geometry). */
    private static Set<Triple> cut(Set<Triple> whole, Map<Integer, String[]> rows) {
        Set<Node> gone = new HashSet<>();
        rows.forEach((id, r) -> {
            if (!r[0].startsWith("93")) {
                gone.add(NodeFactory.createURI(BASE + "id/station/" + id));
                gone.add(NodeFactory.createURI(BASE + "id/station/" + id + "/geometry"));
            }
        });
        Set<Triple> out = new HashSet<>(whole);
        out.removeIf(t -> gone.contains(t.getSubject()));
        return out;
    }

    private static Set<String> sorted(Set<Triple> ts) {
        Set<String> out = new TreeSet<>();
        ts.forEach(t -> out.add(t.toString()));
        return out;
    }

    private static String describe(Map<Integer, String[]> rows) {
        StringBuilder sb = new StringBuilder();
        rows.forEach((id, r) -> sb.append(id).append('=').append(r[0]).append(' '));
        return sb.toString();
    }
}
