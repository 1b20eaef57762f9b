package fr.regie.source;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.r2rml.Records;

/**
 * Oracle for the CSV reader: seeded random tables written in random dialects (delimiter, line
 * ends, quoting, byte order marks, encodings, blank lines, a title line; each declared or left
 * to sniffing) are read back and compared with the table, cell by cell, with the physical line
 * of each record. A failure prints the seed and the smallest table that still fails.
 * {@code -Dregie.oracle.scale=N} runs N times more cases.
 */
class CsvOracleTest {
    static final long SEED = Long.getLong("regie.oracle.seed", 20261205L);
    static final int CASES = 300 * Integer.getInteger("regie.oracle.scale", 1);

    @TempDir
    Path dir;

    @Test
    void readBackEqualsTheTable() throws IOException {
        Random r = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            CsvStyle style = CsvStyle.generate(r);
            RandomTable table = RandomTable.generate(r, CsvStyle.accents(style.charset()));
            Optional<String> problem = check(style, table);
            if (problem.isPresent()) {
                RandomTable small = shrink(style, table);
                fail("case " + i + " (seed " + SEED + "), " + style + ": " + check(style, small).orElse(problem.get())
                        + "\nsmallest failing table: " + small);
            }
        }
    }

    private RandomTable shrink(CsvStyle style, RandomTable table) throws IOException {
        RandomTable cur = table;
        boolean progress = true;
        while (progress) {
            progress = false;
            for (RandomTable t : cur.smaller()) {
                if (check(style, t).isPresent()) {
                    cur = t;
                    progress = true;
                    break;
                }
            }
        }
        return cur;
    }

    /** What differs between the table and what the reader gives back; empty when nothing does. */
    private Optional<String> check(CsvStyle style, RandomTable table) throws IOException {
        List<Long> lines = new ArrayList<>();
        Path f = dir.resolve("t.csv");
        Files.write(f, style.write(table, lines));
        try (CsvRecords rec = CsvRecords.open(f, "t.csv", style.declared())) {
            if (!rec.columns().equals(table.header())) {
                return Optional.of("header " + rec.columns() + ", expected " + table.header());
            }
            if (!rec.dialect().encoding().equals(style.charset()) && !(isAscii(table) && !style.declareEncoding())) {
                return Optional.of("encoding " + rec.dialect().encoding() + ", expected " + style.charset());
            }
            if (rec.dialect().delimiter() != style.delimiter() || rec.dialect().bom().count() != style.boms()) {
                return Optional.of("dialect " + rec.dialect().describe());
            }
            for (int i = 0; i < table.rows().size(); i++) {
                if (!rec.next()) {
                    return Optional.of("only " + i + " records, expected " + table.rows().size());
                }
                if (!rec.where().equals("t.csv, line " + lines.get(i))) {
                    return Optional.of("record " + i + " at " + rec.where() + ", expected line " + lines.get(i));
                }
                for (int c = 0; c < table.header().size(); c++) {
                    String v = table.rows().get(i).get(c);
                    List<Records.Value> expected = v.isEmpty() ? List.of() : List.of(Records.Value.string(v));
                    List<Records.Value> got = rec.values(table.header().get(c));
                    if (!got.equals(expected)) {
                        return Optional.of(rec.where() + ", column " + table.header().get(c) + ": " + got + ", expected " + expected);
                    }
                }
            }
            if (rec.next()) {
                return Optional.of("an extra record at " + rec.where() + ": " + rec.cells());
            }
        } catch (IOException | RuntimeException e) {
            return Optional.of(e.toString());
        }
        return Optional.empty();
    }

    /** A file of ASCII only reads the same in any of the encodings the sniffer may pick. */
    private static boolean isAscii(RandomTable t) {
        return t.header().stream().allMatch(s -> s.chars().allMatch(c -> c < 128))
                && t.rows().stream().flatMap(List::stream).allMatch(s -> s.chars().allMatch(c -> c < 128));
    }
}
