package fr.regie.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.Executable;

import fr.regie.error.RegieException;
import fr.regie.r2rml.Database;

/**
 * A partner's folder loaded into H2 with a mistake in it: each mistake is one line naming the
 * schema's line, or the data file's line, column, value and declared type.
 */
class PartnerSourceErrorsTest {
    @TempDir
    Path dir;

    private Path folder(String name, String schema, String csv) throws IOException {
        Path f = Files.createDirectories(dir.resolve(name).resolve("data"));
        Files.writeString(f.getParent().resolve("schema.sql"), schema);
        Files.writeString(f.resolve("t.csv"), csv);
        return f.getParent();
    }

    private String failure(String name, String schema, String csv) throws IOException {
        Path f = folder(name, schema, csv);
        Executable load = () -> {
            try (Database db = Database.connect("jdbc:h2:mem:" + name, "sa", "")) {
                new PartnerSource(f).load(db);
            }
        };
        Throwable t = assertThrows(Throwable.class, load);
        assertTrue(t instanceof RegieException || t instanceof SourceFileException, "a known error, not " + t);
        assertEquals(1, t.getMessage().lines().count(), t.getMessage());
        return t.getMessage();
    }

    @Test
    void aSchemaMistakeNamesItsLine() throws IOException {
        String m = failure("syntax", "-- the partner's tables\nCREATE TABLE t (id INTEGER);\n\nCREATE TABL u\n  (x INT);\n", "id\n1\n");
        assertTrue(m.startsWith(dir.resolve("syntax/schema.sql") + ":4: the database refuses this statement: Syntax error in SQL statement"), m);
    }

    @Test
    void valuesTheTableRefusesNameLineColumnValueAndType() throws IOException {
        Path csv = dir.resolve("long/data/t.csv");
        assertTrue(failure("long", "CREATE TABLE t (id INTEGER, s VARCHAR(3));", "id;s\n1;abc\n2;abcdef\n")
                .startsWith(csv + ", line 3, column 2 (S): 'abcdef' is refused for CHARACTER VARYING(3): Value too long for column"));
        assertTrue(failure("time", "CREATE TABLE t (id INTEGER, s TIME);", "id;s\n1;10:00:00\n2;25h\n")
                .startsWith(dir.resolve("time/data/t.csv") + ", line 3"));
        assertEquals(dir.resolve("nl/data/t.csv") + ", line 3, column 1 (ID): 'x\\ny' is not a valid INTEGER",
                failure("nl", "CREATE TABLE t (id INTEGER NOT NULL, s INT);", "id;s\n1;1\n\"x\ny\";2\n;3\n"), "a line break in a value is shown escaped");
        assertTrue(failure("null", "CREATE TABLE t (id INTEGER NOT NULL, s INT);", "id;s\n1;1\n;3\n")
                .startsWith(dir.resolve("null/data/t.csv") + ", line 3, column 1 (ID): an empty cell is refused for INTEGER: NULL not allowed"));
        assertTrue(failure("pk", "CREATE TABLE t (id INTEGER PRIMARY KEY, s INT);", "id;s\n1;1\n\n1;2\n")
                .startsWith(dir.resolve("pk/data/t.csv") + ", line 4, column 1 (ID): '1' is refused for INTEGER: Unique index or primary key violation"));
        assertEquals(dir.resolve("date/data/t.csv") + ", line 3, column 2 (D): 'hier' is not a valid DATE (YYYY-MM-DD)",
                failure("date", "CREATE TABLE t (id INTEGER, d DATE);", "id;d\n1;2024-01-01\n2;hier\n"));
    }
}
