package fr.regie.pipeline.oracle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import fr.regie.testing.TestDb;

/**
 * The source the refresh oracle changes: schools (the parent) and pupils (the child), in columns
 * of every SQL type the engine maps, and the mapping over them: natural literals, a language tag,
 * datatype overrides, templates with non-ASCII text, and two referencing object maps to the
 * school (one folded into the pupil's scan on the school's key, one a joint query on a column
 * that is not unique), whose object is named after a column of the school that changes.
 */
final class OracleSchema {
    private OracleSchema() {}

    /** What a column holds; the SQL type depends on the database. */
    enum Kind {
        INT("INTEGER", "INTEGER", "INTEGER"),
        REGION("VARCHAR(4)", "VARCHAR(4)", "VARCHAR(4)"),
        DIGITS("VARCHAR(24)", "VARCHAR(24)", "VARCHAR(24)"),
        SMALL("SMALLINT", "SMALLINT", "SMALLINT"),
        BIG("BIGINT", "BIGINT", "BIGINT"),
        DEC_FRACTION("DECIMAL(12,2)", "DECIMAL(12,2)", "DECIMAL(12,2)"),
        DEC_WHOLE("DECIMAL(18,0)", "DECIMAL(18,0)", "DECIMAL(18,0)"),
        REAL("REAL", "REAL", "FLOAT"),
        DOUBLE("DOUBLE PRECISION", "DOUBLE PRECISION", "DOUBLE"),
        BOOL("BOOLEAN", "BOOLEAN", "BOOLEAN"),
        DATE("DATE", "DATE", "DATE"),
        TIME("TIME(3)", "TIME(3)", "TIME(3)"),
        STAMP("TIMESTAMP(3)", "TIMESTAMP(3)", "DATETIME(3)"),
        // MariaDB has no time zone in its types: its TIMESTAMP (UTC inside) stands in.
        STAMP_TZ("TIMESTAMP(3) WITH TIME ZONE", "TIMESTAMP(3) WITH TIME ZONE", "TIMESTAMP(3) NULL DEFAULT NULL"),
        PADDED("CHAR(6)", "CHAR(6)", "CHAR(6)"),
        BINARY("VARBINARY(8)", "BYTEA", "VARBINARY(8)"),
        TEXT("VARCHAR(40)", "VARCHAR(40)", "VARCHAR(40)"),
        CODE("VARCHAR(8)", "VARCHAR(8)", "VARCHAR(8)");

        private final String h2;
        private final String postgresql;
        private final String mariadb;

        Kind(String h2, String postgresql, String mariadb) {
            this.h2 = h2;
            this.postgresql = postgresql;
            this.mariadb = mariadb;
        }

        String sql(TestDb.Kind db) {
            return switch (db) {
                case H2 -> h2;
                case POSTGRESQL -> postgresql;
                case MARIADB -> mariadb;
            };
        }
    }

    /** A column after the key. */
    record Column(String name, Kind kind) {}

    /** The two tables; each has an INTEGER key {@code id} before its columns. */
    enum Table {
        SCHOOL("school", List.of(new Column("code", Kind.CODE), new Column("name", Kind.TEXT), new Column("region", Kind.REGION))),
        PUPIL("pupil", List.of(new Column("school_id", Kind.INT), new Column("region", Kind.REGION),
                new Column("code", Kind.DIGITS), new Column("n_small", Kind.SMALL), new Column("n_big", Kind.BIG),
                new Column("d_fraction", Kind.DEC_FRACTION), new Column("d_whole", Kind.DEC_WHOLE),
                new Column("f_real", Kind.REAL), new Column("f_double", Kind.DOUBLE), new Column("flag", Kind.BOOL),
                new Column("on_day", Kind.DATE), new Column("at_time", Kind.TIME), new Column("stamp", Kind.STAMP),
                new Column("stamp_tz", Kind.STAMP_TZ), new Column("padded", Kind.PADDED), new Column("bin", Kind.BINARY),
                new Column("label", Kind.TEXT)));

        private final String sqlName;
        private final List<Column> columns;

        Table(String sqlName, List<Column> columns) {
            this.sqlName = sqlName;
            this.columns = columns;
        }

        String sqlName() {
            return sqlName;
        }

        List<Column> columns() {
            return columns;
        }

        String ddl(TestDb.Kind db) {
            List<String> cols = new ArrayList<>(List.of("id INTEGER PRIMARY KEY"));
            columns.forEach(c -> cols.add(c.name() + " " + c.kind().sql(db)));
            return "CREATE TABLE " + sqlName + " (" + String.join(", ", cols) + ")";
        }
    }

    static final String BASE = "https://oracle.example/";
    static final String DATASET = "pupils";

    private static final String MAPPING = """
            @prefix rr: <http://www.w3.org/ns/r2rml#> .
            @prefix ex: <https://oracle.example/def#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            <#School> rr:logicalTable [ rr:tableName "school" ] ;
              rr:subjectMap [ rr:template "id/école/{code}" ; rr:class ex:School ] ;
              rr:predicateObjectMap [ rr:predicate ex:name ; rr:objectMap [ rr:column "name" ; rr:language "fr-fr" ] ] ;
              rr:predicateObjectMap [ rr:predicate ex:region ; rr:objectMap [ rr:column "region" ] ] .
            <#Pupil> rr:logicalTable [ rr:tableName "pupil" ] ;
              rr:subjectMap [ rr:template "id/élève/{id}" ; rr:class ex:Pupil ] ;
              rr:predicateObjectMap [ rr:predicate ex:school ; rr:objectMap [ rr:parentTriplesMap <#School> ;
                  rr:joinCondition [ rr:child "school_id" ; rr:parent "id" ] ] ] ;
              rr:predicateObjectMap [ rr:predicate ex:sameRegionAs ; rr:objectMap [ rr:parentTriplesMap <#School> ;
                  rr:joinCondition [ rr:child "region" ; rr:parent "region" ] ] ] ;
              rr:predicateObjectMap [ rr:predicate ex:code ; rr:objectMap [ rr:column "code" ; rr:datatype xsd:integer ] ] ;
              rr:predicateObjectMap [ rr:predicate ex:small ; rr:objectMap [ rr:column "n_small" ; rr:datatype xsd:decimal ] ] ;
              rr:predicateObjectMap [ rr:predicate ex:big ; rr:objectMap [ rr:column "n_big" ] ] ;
              rr:predicateObjectMap [ rr:predicate ex:fraction ; rr:objectMap [ rr:column "d_fraction" ] ] ;
              rr:predicateObjectMap [ rr:predicate ex:whole ; rr:objectMap [ rr:column "d_whole" ] ] ;
              rr:predicateObjectMap [ rr:predicate ex:real ; rr:objectMap [ rr:column "f_real" ] ] ;
              rr:predicateObjectMap [ rr:predicate ex:double ; rr:objectMap [ rr:column "f_double" ] ] ;
              rr:predicateObjectMap [ rr:predicate ex:flag ; rr:objectMap [ rr:column "flag" ] ] ;
              rr:predicateObjectMap [ rr:predicate ex:day ; rr:objectMap [ rr:column "on_day" ] ] ;
              rr:predicateObjectMap [ rr:predicate ex:time ; rr:objectMap [ rr:column "at_time" ] ] ;
              rr:predicateObjectMap [ rr:predicate ex:stamp ; rr:objectMap [ rr:column "stamp" ] ] ;
              rr:predicateObjectMap [ rr:predicate ex:stampTz ; rr:objectMap [ rr:column "stamp_tz" ] ] ;
              rr:predicateObjectMap [ rr:predicate ex:padded ; rr:objectMap [ rr:column "padded" ] ] ;
              rr:predicateObjectMap [ rr:predicate ex:bin ; rr:objectMap [ rr:column "bin" ] ] ;
              rr:predicateObjectMap [ rr:predicate ex:label ; rr:objectMap [ rr:column "label" ; rr:language "fr" ] ] ;
              rr:predicateObjectMap [ rr:predicate ex:title ; rr:objectMap [ rr:template "Élève {label} n°{id}" ; rr:termType rr:Literal ] ] .
            """;

    /** Creates the tables and a one-commune territory; writes the mappings and the registry; returns the registry. */
    static Path create(TestDb db, Path dir) throws IOException {
        db.execute(Table.SCHOOL.ddl(db.kind()), Table.PUPIL.ddl(db.kind()),
                "CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50))",
                "INSERT INTO commune VALUES ('93066', 'Saint-Denis')");
        Files.writeString(dir.resolve("pupils.ttl"), MAPPING);
        Files.writeString(dir.resolve("territory.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix igeo: <http://rdf.insee.fr/def/geo#> .
                <#C> rr:logicalTable [ rr:tableName "commune" ] ;
                  rr:subjectMap [ rr:template "id/commune/{code}" ; rr:class igeo:Commune ] ;
                  rr:predicateObjectMap [ rr:predicate igeo:nom ; rr:objectMap [ rr:column "nom" ] ] .
                """);
        Path registry = dir.resolve("registry.ttl");
        Files.writeString(registry, """
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                <#t> a regie:Territory ; dct:title "Oracle" ; regie:baseIRI "%s" ; regie:referenceDataset <#territory> .
                <#p> foaf:name "P" .
                <#db> regie:jdbcUrl "%s" .
                <#territory> a dcat:Dataset ; dct:identifier "territory" ; dct:title "Territory" ; dct:publisher <#p> ;
                  regie:source <#db> ; regie:mapping <territory.ttl> ; regie:linkBy regie:NoLink .
                <#pupils> a dcat:Dataset ; dct:identifier "%s" ; dct:title "Pupils" ; dct:publisher <#p> ;
                  regie:source <#db> ; regie:mapping <pupils.ttl> ; regie:linkBy regie:NoLink .
                """.formatted(BASE, db.url().replace("\\", "\\\\").replace("\"", "\\\""), DATASET));
        return registry;
    }
}
