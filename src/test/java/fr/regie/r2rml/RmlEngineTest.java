package fr.regie.r2rml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.jena.riot.system.StreamRDFLib;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.pipeline.Sources;

/** The RML engine's guarantees beyond the test suite: data errors, bounds, streaming, the row gate. */
class RmlEngineTest {
    private static final String P = "@prefix rml: <http://w3id.org/rml/> .\n@prefix ex: <http://ex.org/> .\n"
            + "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n";

    @TempDir
    Path dir;

    private MappingDocument mapping(String body) throws IOException {
        return MappingReader.read(Files.writeString(dir.resolve("m.ttl"), P + body));
    }

    @Test
    void anIllTypedValueIsADataErrorNamingRecordReferenceValueAndType() throws IOException {
        Files.writeString(dir.resolve("t.csv"), "id,prix\n1,12\n2,\"12,5\"\n3,12.0\n");
        MappingDocument m = mapping("""
                ex:M rml:logicalSource [ rml:source "t.csv" ] ; rml:subjectMap [ rml:template "http://ex.org/{id}" ] ;
                     rml:predicateObjectMap [ rml:predicate ex:prix ; rml:objectMap [ rml:reference "prix" ; rml:datatype xsd:integer ] ] .
                """);
        DataException e = assertThrows(DataException.class, () -> Rml.create().mapping(m).sources(Sources.besideMapping()).build().toDataset());
        assertTrue(e.getMessage().contains("t.csv, line 3") && e.getMessage().contains("\"prix\"")
                && e.getMessage().contains("'12,5'") && e.getMessage().contains("xsd:integer"), e.getMessage());
        List<DataException> errors = new ArrayList<>();
        RunStats stats = Rml.create().mapping(m).sources(Sources.besideMapping()).onDataError(errors::add).build()
                .run(StreamRDFLib.sinkNull());
        assertEquals(2, errors.size());
        assertEquals(2, stats.dataErrors());
        assertEquals(3, stats.rows());
        assertEquals(1, stats.triples(), "only the valid 12 is written");
    }

    @Test
    void aMissingColumnIsNamedWithTheColumnsTheFileHas() throws IOException {
        Files.writeString(dir.resolve("t.csv"), "id,nom\n1,a\n");
        MappingDocument m = mapping("""
                ex:M rml:logicalSource [ rml:source "t.csv" ] ; rml:subjectMap [ rml:template "http://ex.org/{code}" ] .
                """);
        SourceException e = assertThrows(SourceException.class, () -> Rml.create().mapping(m).sources(Sources.besideMapping()).build().toDataset());
        assertTrue(e.getMessage().contains("code") && e.getMessage().contains("id, nom"), e.getMessage());
    }

    /** A JSON feed of {@code n} records, generated as it is read: never whole in memory. */
    private static InputStream feed(int n) {
        List<InputStream> parts = new ArrayList<>();
        parts.add(new ByteArrayInputStream("{\"meta\":{\"x\":[1,2]},\"data\":{\"stations\":[".getBytes(StandardCharsets.UTF_8)));
        parts.add(new InputStream() {
            private int i;
            private byte[] cur = new byte[0];
            private int pos;

            @Override
            public int read() {
                if (pos == cur.length) {
                    if (i == n) {
                        return -1;
                    }
                    cur = ((i == 0 ? "" : ",") + "{\"id\":" + i + ",\"name\":\"s" + i + "\"}").getBytes(StandardCharsets.UTF_8);
                    pos = 0;
                    i++;
                }
                return cur[pos++];
            }
        });
        parts.add(new ByteArrayInputStream("]}}".getBytes(StandardCharsets.UTF_8)));
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    @Test
    void aSimpleIteratorIsStreamedWhateverTheSize() throws IOException {
        int n = 300_000;
        long count = 0;
        try (JsonRecords r = JsonRecords.open(feed(n), "feed.json", Optional.of("$.data.stations[*]"), 1_000)) {
            while (r.next()) {
                count++;
                if (count == n) {
                    assertEquals("s" + (n - 1), r.values("$.name").get(0).lexical());
                }
            }
        }
        assertEquals(n, count, "a 1,000-byte limit does not apply to a streamed iterator");
    }

    @Test
    void aDocumentReadWholeIsBounded() {
        IOException e = assertThrows(IOException.class, () -> {
            try (JsonRecords r = JsonRecords.open(feed(10_000), "feed.json", Optional.of("$..stations[?(@.id > 5)]"), 100_000)) {
                r.next();
            }
        });
        assertTrue(e.getMessage().contains("feed.json") && e.getMessage().contains("100000 bytes"), e.getMessage());
    }

    @Test
    void jsonValuesHaveTheirNaturalDatatypesAndArraysAreRefused() throws IOException {
        byte[] doc = "[{\"i\":12,\"d\":30.50,\"b\":false,\"s\":\"x\",\"n\":null,\"a\":[1,2]}]".getBytes(StandardCharsets.UTF_8);
        try (JsonRecords r = JsonRecords.open(new ByteArrayInputStream(doc), "d.json", Optional.of("$[*]"), 1 << 20)) {
            assertTrue(r.next());
            assertEquals(new Records.Value("12", org.apache.jena.datatypes.xsd.XSDDatatype.XSDinteger), r.values("$.i").get(0));
            assertEquals("3.05E1", r.values("$.d").get(0).lexical());
            assertEquals("false", r.values("$.b").get(0).lexical());
            assertEquals(Records.Value.string("x"), r.values("$.s").get(0));
            assertEquals(List.of(), r.values("$.n"));
            assertEquals(List.of(), r.values("$.absent"));
            assertEquals(2, r.values("$.a[*]").size());
            assertThrows(SourceException.class, () -> r.values("$.a"));
        }
    }

    @Test
    void joinsAreBounded() throws IOException {
        Files.writeString(dir.resolve("c.csv"), "id,p\n1,a\n");
        Files.writeString(dir.resolve("p.csv"), "k\na\nb\nc\n");
        MappingDocument m = mapping("""
                ex:C rml:logicalSource [ rml:source "c.csv" ] ; rml:subjectMap [ rml:template "http://ex.org/c/{id}" ] ;
                     rml:predicateObjectMap [ rml:predicate ex:p ; rml:objectMap [ rml:parentTriplesMap ex:P ;
                         rml:joinCondition [ rml:child "p" ; rml:parent "k" ] ] ] .
                ex:P rml:logicalSource [ rml:source "p.csv" ] ; rml:subjectMap [ rml:template "http://ex.org/p/{k}" ] .
                """);
        assertEquals(1, Rml.create().mapping(m).sources(Sources.besideMapping()).build().toDataset().getDefaultGraph().size(),
                "c/1 joins p/a");
        SourceException e = assertThrows(SourceException.class,
                () -> Rml.create().mapping(m).sources(Sources.besideMapping()).joinLimit(2).build().toDataset());
        assertTrue(e.getMessage().contains("<P>") && e.getMessage().contains("more than 2"), e.getMessage());
    }

    @Test
    void theGateSeesEachRecordAndAChangedParentChangesTheChildsHash() throws IOException {
        Files.writeString(dir.resolve("c.csv"), "id,p\n1,a\n2,\n");
        Path parent = Files.writeString(dir.resolve("p.csv"), "k,name\na,A\n");
        MappingDocument m = mapping("""
                ex:C rml:logicalSource [ rml:source "c.csv" ] ; rml:subjectMap [ rml:template "http://ex.org/c/{id}" ] ;
                     rml:predicateObjectMap [ rml:predicate ex:p ; rml:objectMap [ rml:parentTriplesMap ex:P ;
                         rml:joinCondition [ rml:child "p" ; rml:parent "k" ] ] ] .
                ex:P rml:logicalSource [ rml:source "p.csv" ] ; rml:subjectMap [ rml:template "http://ex.org/p/{name}" ] .
                """);
        List<String> seen = new ArrayList<>();
        AtomicLong firstHash = new AtomicLong();
        Rml.create().mapping(m).sources(Sources.besideMapping()).rowGate((pass, hash, subject) -> {
            seen.add(pass + " " + subject);
            if (seen.size() == 1) {
                firstHash.set(hash);
            }
            return false;
        }).build().run(StreamRDFLib.sinkNull());
        assertEquals(List.of("<C> http://ex.org/c/1", "<C> http://ex.org/c/2", "<P> http://ex.org/p/A"), seen);
        Files.writeString(parent, "k,name\na,B\n");
        AtomicLong again = new AtomicLong();
        Rml.create().mapping(m).sources(Sources.besideMapping()).rowGate((pass, hash, subject) -> {
            if (again.get() == 0) {
                again.set(hash);
            }
            return true;
        }).build().run(StreamRDFLib.sinkNull());
        assertTrue(firstHash.get() != again.get(), "the child record joins another parent subject now");
    }
}
