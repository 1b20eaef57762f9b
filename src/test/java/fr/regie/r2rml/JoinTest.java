package fr.regie.r2rml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.jena.sparql.core.DatasetGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import fr.regie.testing.TestDb;

/**
 * Referencing object maps (R2RML §8): a join on a unique parent key is folded into the child's
 * scan, any other join is a scan of the joint query; both give the joint query's semantics.
 */
class JoinTest {
    private static TestDb h2;
    private static TestDb pg;
    private static TestDb maria;

    @BeforeAll
    static void databases() {
        h2 = TestDb.create(TestDb.Kind.H2);
        pg = TestDb.create(TestDb.Kind.POSTGRESQL);
        maria = TestDb.create(TestDb.Kind.MARIADB);
        for (TestDb db : new TestDb[] {h2, pg, maria}) {
            db.execute("CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(40))",
                    "CREATE TABLE label (code VARCHAR(5), lang VARCHAR(2), txt VARCHAR(40))",
                    "CREATE TABLE station (id INTEGER PRIMARY KEY, code VARCHAR(5))",
                    "INSERT INTO commune VALUES ('93066', 'Saint-Denis'), ('93001', 'Aubervilliers')",
                    "INSERT INTO label VALUES ('93066', 'fr', 'Saint-Denis'), ('93066', 'en', 'Saint Denis'), ('93001', 'fr', 'Aubervilliers')",
                    "INSERT INTO station VALUES (1, '93066'), (2, '93001'), (3, NULL), (4, '99999')");
        }
    }

    @AfterAll
    static void drop() {
        for (TestDb db : new TestDb[] {h2, pg, maria}) {
            if (db != null) {
                db.close();
            }
        }
    }

    static Stream<TestDb> dbs() {
        return Stream.of(h2, pg, maria);
    }

    private static final String MAPPING = """
            @prefix rr: <http://www.w3.org/ns/r2rml#> .
            @prefix ex: <http://example.com/ns#> .
            <#Station> rr:logicalTable [ rr:tableName "station" ] ;
              rr:subjectMap [ rr:template "http://x/station/{id}" ] ;
              rr:predicateObjectMap [ rr:predicate ex:commune ;
                 rr:objectMap [ rr:parentTriplesMap <#Commune> ; rr:joinCondition [ rr:child "code" ; rr:parent "code" ] ] ] ;
              rr:predicateObjectMap [ rr:predicate ex:label ;
                 rr:objectMap [ rr:parentTriplesMap <#Label> ; rr:joinCondition [ rr:child "code" ; rr:parent "code" ] ] ] .
            <#Commune> rr:logicalTable [ rr:tableName "commune" ] ;
              rr:subjectMap [ rr:template "http://x/commune/{code}" ] .
            <#Label> rr:logicalTable [ rr:tableName "label" ] ;
              rr:subjectMap [ rr:template "http://x/label/{code}/{lang}" ] .
            """;

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("dbs")
    void uniqueAndNonUniqueParents(TestDb db) {
        DatasetGraph out;
        try (Database d = Database.connect(db.url(), null, null)) {
            out = R2rml.create().mapping(MappingReader.readString(MAPPING, "join.ttl")).database(d).build().toDataset();
        }
        Set<String> got = new TreeSet<>();
        out.getDefaultGraph().find().forEach(t -> got.add(
                t.getSubject().getURI().substring(9) + " " + t.getPredicate().getLocalName() + " " + t.getObject().getURI().substring(9)));
        // Station 3 (NULL) and 4 (no such commune) join nothing; station 1 meets two labels.
        assertEquals(new TreeSet<>(Set.of(
                "station/1 commune commune/93066", "station/2 commune commune/93001",
                "station/1 label label/93066/fr", "station/1 label label/93066/en", "station/2 label label/93001/fr")), got);
    }
}
