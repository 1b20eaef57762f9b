package fr.regie.r2rml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.XSD;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import fr.regie.testing.TestDb;

/**
 * The natural RDF literal of each SQL type partners use (R2RML §10.2), read through each
 * database's JDBC driver: same values in, same canonical literals out.
 */
class NaturalLiteralTest {
    private static TestDb h2;
    private static TestDb pg;
    private static TestDb maria;

    @BeforeAll
    static void databases() {
        h2 = TestDb.create(TestDb.Kind.H2);
        pg = TestDb.create(TestDb.Kind.POSTGRESQL);
        maria = TestDb.create(TestDb.Kind.MARIADB);
        String ddl = "CREATE TABLE t (id INTEGER PRIMARY KEY, s SMALLINT, b BIGINT, d DECIMAL(10,3), r REAL, f DOUBLE PRECISION,"
                + " ok BOOLEAN, dt DATE, tm TIME, ts TIMESTAMP, v VARCHAR(20), c CHAR(4), n VARCHAR(5))";
        String row = "INSERT INTO t VALUES (1, -3, 9007199254740993, 1234.500, 70.22, 0.1, TRUE, DATE '2025-01-01',"
                + " TIME '08:30:00', TIMESTAMP '2025-01-01 00:00:00.250', 'Épinay-sur-Seine', 'ab', NULL)";
        for (TestDb db : new TestDb[] {h2, pg, maria}) {
            db.execute(ddl, row);
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
            <#T> rr:logicalTable [ rr:tableName "t" ] ;
              rr:subjectMap [ rr:template "http://x/{id}" ] ;
            """;

    @ParameterizedTest(name = "{0}", autoCloseArguments = false)
    @MethodSource("dbs")
    void naturalLiterals(TestDb db) {
        StringBuilder m = new StringBuilder(MAPPING);
        for (String col : new String[] {"s", "b", "d", "r", "f", "ok", "dt", "tm", "ts", "v", "c", "n"}) {
            m.append("  rr:predicateObjectMap [ rr:predicate <http://x/").append(col).append("> ; rr:objectMap [ rr:column \"")
                    .append(col).append("\" ] ] ;\n");
        }
        m.setLength(m.length() - 2);
        m.append(" .\n");
        DatasetGraph out;
        try (Database d = Database.connect(db.url(), null, null)) {
            out = R2rml.create().mapping(MappingReader.readString(m.toString(), "types.ttl")).database(d).build().toDataset();
        }
        Map<String, String> got = new TreeMap<>();
        out.getDefaultGraph().find().forEach(t -> {
            Node o = t.getObject();
            String dt = o.getLiteralDatatypeURI().replace(XSD.NS, "xsd:");
            got.put(t.getPredicate().getURI().substring("http://x/".length()), o.getLiteralLexicalForm() + " " + dt);
        });
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("s", "-3 xsd:integer"),
                Map.entry("b", "9007199254740993 xsd:integer"),
                Map.entry("d", "1234.5 xsd:decimal"),
                Map.entry("r", "7.022E1 xsd:double"),
                Map.entry("f", "1.0E-1 xsd:double"),
                Map.entry("ok", "true xsd:boolean"),
                Map.entry("dt", "2025-01-01 xsd:date"),
                Map.entry("tm", "08:30:00 xsd:time"),
                Map.entry("ts", "2025-01-01T00:00:00.25 xsd:dateTime"),
                Map.entry("v", "Épinay-sur-Seine xsd:string"),
                Map.entry("c", "ab   xsd:string")));
        if (db.kind() == TestDb.Kind.MARIADB) {
            // MariaDB keeps only whole seconds unless the column is declared TIMESTAMP(3).
            expected.put("ts", "2025-01-01T00:00:00 xsd:dateTime");
        }
        assertEquals(expected, got, "NULL gives no triple; CHAR keeps its padding");
    }
}
