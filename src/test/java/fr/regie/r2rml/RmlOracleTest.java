package fr.regie.r2rml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import fr.regie.pipeline.Sources;
import fr.regie.source.TableLoader;

/**
 * Oracle tests of the RML engine: seeded random tables (empty cells, unicode, quotes, separators,
 * line breaks, integers at the edges of xsd:integer, multi-valued JSON arrays) written as CSV and
 * JSON, mapped by the engine, and compared with the triples a plain-Java model computes from the
 * generated rows. Then the same CSV mapped through H2 with R2RML must give the same triples.
 * {@code -Dregie.oracle.seed=S} replays a run, {@code -Dregie.oracle.cases=N} runs more cases;
 * a failure prints the seed, the case and the smallest set of rows that still fails.
 */
class RmlOracleTest {
    private static final long SEED = Long.getLong("regie.oracle.seed", 20260411L);
    private static final int CASES = Integer.getInteger("regie.oracle.cases", 200);
    private static final String EX = "http://ex.org/";
    private static final String[] TEXTS = {"Saint-Denis", "Évry", "L'Île-Saint-Denis", "日本語", "😀 emoji", "a,b", "x;y",
        "\"quoted\"", "line\nbreak", "%20 and +", "a/b?c#d", "é", "tab\there", "<tag>", "back\\slash", "{brace}", "0"};
    private static final String[] INTEGERS = {"0", "-1", "42", "+5", "007", "9223372036854775807", "-9223372036854775808",
        "99999999999999999999999"};
    private static final String[] NOT_INTEGERS = {"12.0", "12,5", "1e3", "--1", "douze", "0x1F"};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** One generated record: an id, a name, an integer text, tags; "" means absent. */
    record Rec(String id, String name, String n, List<String> tags) {}

    private static String pick(Random r, String[] pool) {
        return pool[r.nextInt(pool.length)];
    }

    private static List<Rec> generate(Random r, boolean padded, boolean badIntegers) {
        int rows = r.nextInt(25);
        List<Rec> out = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String id = r.nextInt(10) == 0 ? "" : r.nextInt(3) == 0 ? pick(r, TEXTS) + i : "id" + i;
            String name = r.nextInt(5) == 0 ? "" : pick(r, TEXTS);
            if (padded && r.nextInt(6) == 0) {
                name = "  " + name + " ";
            }
            String n = r.nextInt(6) == 0 ? "" : badIntegers && r.nextInt(4) == 0 ? pick(r, NOT_INTEGERS) : pick(r, INTEGERS);
            List<String> tags = new ArrayList<>();
            for (int k = r.nextInt(4); k > 0; k--) {
                tags.add(pick(r, TEXTS));
            }
            out.add(new Rec(id, name, n, tags));
        }
        return out;
    }

    // ---- the independent model --------------------------------------------------------------

    /** RFC 3987 iunreserved kept, everything else percent-encoded as UTF-8 (the generator uses no private-use characters). */
    private static String iriSafe(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            boolean keep = (cp < 0x80 && (Character.isLetterOrDigit(cp) || "-._~".indexOf(cp) >= 0)) || cp >= 0xA0;
            if (keep) {
                b.appendCodePoint(cp);
            } else {
                for (byte x : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    b.append(String.format("%%%02X", x & 0xFF));
                }
            }
        });
        return b.toString();
    }

    private static boolean isInteger(String s) {
        return s.matches("[+-]?[0-9]+");
    }

    private static Set<Triple> expectedCsv(List<Rec> recs) {
        Set<Triple> out = new HashSet<>();
        for (Rec r : recs) {
            if (r.id().isEmpty()) {
                continue;
            }
            Node s = NodeFactory.createURI(EX + "r/" + iriSafe(r.id()));
            out.add(Triple.create(s, RDF.Nodes.type, NodeFactory.createURI(EX + "R")));
            if (!r.name().isEmpty()) {
                out.add(Triple.create(s, NodeFactory.createURI(EX + "name"), NodeFactory.createLiteralString(r.name())));
            }
            if (!r.n().isEmpty() && isInteger(r.n())) {
                out.add(Triple.create(s, NodeFactory.createURI(EX + "n"), NodeFactory.createLiteralDT(r.n(), XSDDatatype.XSDinteger)));
            }
        }
        return out;
    }

    private static Set<Triple> expectedJson(List<Rec> recs) {
        Set<Triple> out = new HashSet<>();
        for (Rec r : recs) {
            if (r.id().isEmpty()) {
                continue;
            }
            Node s = NodeFactory.createURI(EX + "r/" + iriSafe(r.id()));
            if (!r.name().isEmpty()) {
                out.add(Triple.create(s, NodeFactory.createURI(EX + "name"), NodeFactory.createLiteralString(r.name())));
            }
            if (!r.n().isEmpty()) {
                out.add(Triple.create(s, NodeFactory.createURI(EX + "n"),
                        NodeFactory.createLiteralDT(new BigInteger(r.n()).toString(), XSDDatatype.XSDinteger)));
            }
            for (String t : r.tags()) {
                out.add(Triple.create(s, NodeFactory.createURI(EX + "tag"), NodeFactory.createLiteralString(t)));
                out.add(Triple.create(s, NodeFactory.createURI(EX + "link"), NodeFactory.createURI(EX + "t/" + iriSafe(r.id()) + "/" + iriSafe(t))));
            }
        }
        return out;
    }

    // ---- writing the generated data -----------------------------------------------------------

    private static String csvField(String v) {
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private Path writeCsv(List<Rec> recs) throws IOException {
        StringBuilder b = new StringBuilder("id,name,n\n");
        for (Rec r : recs) {
            b.append(csvField(r.id())).append(',').append(csvField(r.name())).append(',').append(csvField(r.n())).append('\n');
        }
        return Files.writeString(dir.resolve("data.csv"), b.toString());
    }

    private Path writeJson(List<Rec> recs) throws IOException {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Rec r : recs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id().isEmpty() ? null : r.id());
            m.put("name", r.name().isEmpty() ? null : r.name());
            m.put("n", r.n().isEmpty() ? null : new BigInteger(r.n()));
            m.put("tags", r.tags());
            items.add(m);
        }
        return Files.writeString(dir.resolve("data.json"), JSON.writeValueAsString(Map.of("items", items)));
    }

    private static final String PREFIXES = "@prefix rml: <http://w3id.org/rml/> .\n@prefix rr: <http://www.w3.org/ns/r2rml#> .\n"
            + "@prefix ex: <http://ex.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n";

    private MappingDocument csvMapping() throws IOException {
        return MappingReader.read(Files.writeString(dir.resolve("csv.rml.ttl"), PREFIXES + """
                ex:M a rml:TriplesMap ;
                  rml:logicalSource [ rml:source [ a rml:RelativePathSource ; rml:root rml:MappingDirectory ; rml:path "data.csv" ] ;
                                      rml:referenceFormulation rml:CSV ] ;
                  rml:subjectMap [ rml:template "http://ex.org/r/{id}" ; rml:class ex:R ] ;
                  rml:predicateObjectMap [ rml:predicate ex:name ; rml:objectMap [ rml:reference "name" ] ] ;
                  rml:predicateObjectMap [ rml:predicate ex:n ; rml:objectMap [ rml:reference "n" ; rml:datatype xsd:integer ] ] .
                """));
    }

    private MappingDocument jsonMapping() throws IOException {
        return MappingReader.read(Files.writeString(dir.resolve("json.rml.ttl"), PREFIXES + """
                ex:J a rml:TriplesMap ;
                  rml:logicalSource [ rml:source [ a rml:RelativePathSource ; rml:path "data.json" ] ;
                                      rml:referenceFormulation rml:JSONPath ; rml:iterator "$.items[*]" ] ;
                  rml:subjectMap [ rml:template "http://ex.org/r/{$.id}" ] ;
                  rml:predicateObjectMap [ rml:predicate ex:name ; rml:objectMap [ rml:reference "$.name" ] ] ;
                  rml:predicateObjectMap [ rml:predicate ex:n ; rml:objectMap [ rml:reference "$.n" ] ] ;
                  rml:predicateObjectMap [ rml:predicate ex:tag ; rml:objectMap [ rml:reference "$.tags[*]" ] ] ;
                  rml:predicateObjectMap [ rml:predicate ex:link ; rml:objectMap [ rml:template "http://ex.org/t/{$.id}/{$.tags[*]}" ] ] .
                """));
    }

    /** Collects triples and quads as triples (the mappings write only to the default graph). */
    private static final class Collect extends StreamRDFBase {
        final Set<Triple> triples = new HashSet<>();

        @Override
        public void triple(Triple t) {
            triples.add(t);
        }
    }

    private static Set<Triple> run(MappingDocument m, List<DataException> errors) {
        return run(m, Sources.besideMapping(), errors);
    }

    private static Set<Triple> run(MappingDocument m, fr.regie.r2rml.LogicalSources sources, List<DataException> errors) {
        Collect c = new Collect();
        Rml.create().mapping(m).sources(sources).baseIri(EX).onDataError(errors::add).build().run(c);
        return c.triples;
    }

    /** Why {@code recs} fail, or null when the engine agrees with the model. */
    private String check(List<Rec> recs, boolean json) throws IOException {
        List<DataException> errors = new ArrayList<>();
        Set<Triple> actual;
        Set<Triple> expected;
        if (json) {
            writeJson(recs);
            actual = run(jsonMapping(), errors);
            expected = expectedJson(recs);
        } else {
            writeCsv(recs);
            actual = run(csvMapping(), errors);
            expected = expectedCsv(recs);
        }
        long bad = json ? 0 : recs.stream().filter(r -> !r.id().isEmpty() && !r.n().isEmpty() && !isInteger(r.n())).count();
        if (errors.size() != bad) {
            return "expected " + bad + " data errors, got " + errors.size() + ": " + errors;
        }
        for (DataException e : errors) {
            if (!e.getMessage().contains("xsd:integer") || !e.getMessage().contains("\"n\"") || !e.getMessage().contains("data.csv, line ")) {
                return "a data error should name the record, the reference, the value and the type: " + e.getMessage();
            }
        }
        if (!actual.equals(expected)) {
            Set<Triple> missing = new HashSet<>(expected);
            missing.removeAll(actual);
            Set<Triple> extra = new HashSet<>(actual);
            extra.removeAll(expected);
            return "missing " + missing + ", unexpected " + extra;
        }
        return null;
    }

    /** Drops records one at a time while the failure remains, and reports the rest. */
    private void failShrunk(long seed, int k, List<Rec> recs, boolean json, String why) throws IOException {
        List<Rec> cur = new ArrayList<>(recs);
        for (int i = cur.size() - 1; i >= 0; i--) {
            List<Rec> fewer = new ArrayList<>(cur);
            fewer.remove(i);
            if (check(fewer, json) != null) {
                cur = fewer;
            }
        }
        fail("seed " + seed + ", case " + k + " (" + (json ? "JSON" : "CSV") + "): " + why + "\nsmallest failing records: " + cur
                + "\nits failure: " + check(cur, json));
    }

    @Test
    void engineAgreesWithThePlainJavaModel() throws IOException {
        Random r = new Random(SEED);
        int records = 0;
        for (int k = 0; k < CASES; k++) {
            boolean json = k % 2 == 1;
            List<Rec> recs = generate(r, true, !json);
            records += recs.size();
            String why = check(recs, json);
            if (why != null) {
                failShrunk(SEED, k, recs, json, why);
            }
        }
        assertTrue(records > CASES * 5, "the generator made records");
    }

    @Test
    void r2rmlOverH2AndRmlOverCsvGiveTheSameTriples() throws Exception {
        Random r = new Random(SEED + 1);
        for (int k = 0; k < Math.max(20, CASES / 10); k++) {
            List<Rec> recs = generate(r, false, false);
            Path csv = writeCsv(recs);
            Set<Triple> viaRml = run(MappingReader.readString(PREFIXES + """
                    ex:M a rml:TriplesMap ;
                      rml:logicalSource [ rml:source "data.csv" ; rml:referenceFormulation rml:CSV ] ;
                      rml:subjectMap [ rml:template "http://ex.org/r/{id}" ] ;
                      rml:predicateObjectMap [ rml:predicate ex:name ; rml:objectMap [ rml:reference "name" ] ] .
                    """, "rml"), new fr.regie.source.FileSources(List.of(new fr.regie.source.FileSources.Declared(csv.toString(), csv)),
                    fr.regie.source.DeclaredDialect.NONE, (in, it, where) -> {
                        throw new IOException("no JSON here");
                    }), new ArrayList<>());
            Set<Triple> viaR2rml = new HashSet<>();
            try (Database db = Database.connect("jdbc:h2:mem:rml-oracle-" + k, "sa", "")) {
                try (var st = db.connection().createStatement()) {
                    st.execute("CREATE TABLE \"t\" (\"id\" VARCHAR(200), \"name\" VARCHAR(200), \"n\" VARCHAR(200))");
                }
                TableLoader.load(db, "\"t\"", csv, StandardCharsets.UTF_8);
                MappingDocument m = MappingReader.readString(PREFIXES + """
                        ex:M rr:logicalTable [ rr:tableName "\\"t\\"" ] ;
                          rr:subjectMap [ rr:template "http://ex.org/r/{\\"id\\"}" ] ;
                          rr:predicateObjectMap [ rr:predicate ex:name ; rr:objectMap [ rr:column "\\"name\\"" ] ] .
                        """, "r2rml");
                Collect c = new Collect();
                R2rml.create().mapping(m).database(db).baseIri(EX).build().run(c);
                viaR2rml.addAll(c.triples);
            }
            assertEquals(viaR2rml, viaRml, "seed " + (SEED + 1) + ", case " + k + ": records " + recs);
        }
    }
}
