package fr.regie.server.partner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.regie.server.partner.CheckEndpointTest.Field;
import fr.regie.testing.TestServer;

/**
 * The outside attacker against {@code POST /partners/{id}/check} when the sources live on the
 * server ({@link ProbeFilesFixture}): velib's uploaded RML and R2RML mappings try to read the
 * server's files, sncf's source folder, to write files and to run code, and to blow up a check.
 * A failing test is a weakness (see the probe report); a passing one, an attack that held.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ProbeFilesCheckTest {
    @RegisterExtension
    @org.junit.jupiter.api.Order(1)
    static final ProbeFilesFixture fixture = new ProbeFilesFixture();
    static final CheckLimits LIMITS = new CheckLimits(1L << 20, 256 * 1024, 4, 2, Duration.ofSeconds(2));
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(fixture.context(), List.of(new PartnerFeature(50, Optional.empty(), LIMITS)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> check(String dataset, String... mappings) throws Exception {
        List<Field> fields = new java.util.ArrayList<>(List.of(new Field("dataset", null, dataset.getBytes(StandardCharsets.UTF_8))));
        for (int i = 0; i < mappings.length; i++) {
            fields.add(new Field("mapping", "m" + (i + 1) + ".ttl", mappings[i].getBytes(StandardCharsets.UTF_8)));
        }
        byte[] body = CheckEndpointTest.multipart(fields.toArray(Field[]::new));
        // A check still running (velib's last one, stopped late) is waited for: a refusal would read as an attack that held.
        long end = System.nanoTime() + 30_000_000_000L;
        HttpResponse<String> r;
        do {
            r = ProbeCheckTest.post(server, "velib", "k-velib", body);
            if (r.statusCode() != 429 && r.statusCode() != 503) {
                return r;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < end);
        throw new AssertionError("the server took no check for 30 s: " + said(r));
    }

    static String said(HttpResponse<String> r) {
        return r.statusCode() + " " + (r.body().length() > 3000 ? r.body().substring(0, 3000) + "…" : r.body());
    }

    static String rmlOver(String source) {
        return PartnerFixtureText.rml(source, "id/sites/{id}", "nom", "code");
    }

    // ---- RML: where a logical source may be read from ----

    /** HOLDS: a relative path out of the mapping's folder, an absolute path, a file: URL, a URL not declared. */
    @Test
    void rmlPathsOutsideTheMappingsFolderAreRefused() throws Exception {
        String sncf = fixture.dir().resolve("sncf/data/item.csv").toString();
        for (String source : List.of("\"../../../../../../../.." + sncf + "\"", "\"" + sncf + "\"", "\"file://" + sncf + "\"",
                "\"" + server.base() + "/partners/sncf.json\"", "[ rml:path \"../../../../../../../.." + sncf + "\" ]")) {
            HttpResponse<String> r = check("sites", rmlOver("[ rml:source " + source + " ; rml:referenceFormulation rml:CSV ]"));
            assertFalse(r.body().contains(ProbeFilesFixture.SECRET), source + ": " + said(r));
            assertTrue(r.statusCode() == 422, source + ": " + said(r));
        }
    }

    /** WEAKNESS: rml:root takes any folder of the server: velib reads sncf's source file (restricted data) through it. */
    @Test
    void rmlRootCannotPointAtAnotherPartnersFolder() throws Exception {
        String root = fixture.dir().resolve("sncf/data").toString();
        HttpResponse<String> r = check("sites", rmlOver("[ rml:source [ a rml:RelativePathSource ; rml:root \"" + root
                + "\" ; rml:path \"item.csv\" ] ; rml:referenceFormulation rml:CSV ]").replace("\"code\" ]", "\"nom\" ]"));
        assertFalse(r.body().contains(ProbeFilesFixture.SECRET), "sncf's restricted row read by velib through rml:root: " + said(r));
    }

    /** WEAKNESS: rml:root "/etc": the server's files, here the header line of /etc/passwd in the error naming the columns. */
    @Test
    void rmlRootCannotReadTheServersFiles() throws Exception {
        String first = Files.readAllLines(Path.of("/etc/passwd")).get(0);
        HttpResponse<String> r = check("sites", rmlOver("[ rml:source [ a rml:RelativePathSource ; rml:root \"/etc\" ; rml:path \"passwd\" ] ;"
                + " rml:referenceFormulation rml:CSV ]"));
        assertFalse(r.body().contains(first.substring(0, Math.min(12, first.length()))), "/etc/passwd came back: " + said(r));
    }

    /** WEAKNESS: rml:root rml:CurrentWorkingDirectory: the server's working folder (here the checkout's pom.xml). */
    @Test
    void rmlCurrentWorkingDirectoryIsNotTheServers() throws Exception {
        HttpResponse<String> r = check("sites", rmlOver("[ rml:source [ a rml:RelativePathSource ; rml:root rml:CurrentWorkingDirectory ;"
                + " rml:path \"pom.xml\" ] ; rml:referenceFormulation rml:CSV ]"));
        assertFalse(r.body().contains("<project") || r.body().contains("<?xml"), "the server's working folder was read: " + said(r));
    }

    // ---- R2RML over the embedded H2 database ----

    /** WEAKNESS: H2's FILE_READ in rr:sqlQuery reads any file the server can: sncf's source file. */
    @Test
    void h2FileReadIsRefused() throws Exception {
        String file = fixture.dir().resolve("sncf/data/item.csv").toString();
        HttpResponse<String> r = check("parcs", PartnerFixtureText.r2rml("SELECT 1 AS id, 'x' AS nom, FILE_READ('" + file + "', NULL) AS code", "id/parcs/{id}"));
        assertFalse(r.body().contains(ProbeFilesFixture.SECRET), "FILE_READ of sncf's file: " + said(r));
    }

    /** WEAKNESS: H2's CSVREAD in rr:sqlQuery reads sncf's source file as a table. */
    @Test
    void h2CsvReadIsRefused() throws Exception {
        String file = fixture.dir().resolve("sncf/data/item.csv").toString();
        HttpResponse<String> r = check("parcs", PartnerFixtureText.r2rml("SELECT ID, NOM, NOM AS CODE FROM CSVREAD('" + file + "')", "id/parcs/{id}"));
        assertFalse(r.body().contains(ProbeFilesFixture.SECRET), "CSVREAD of sncf's file: " + said(r));
    }

    /** WEAKNESS: H2's FILE_WRITE in a SELECT writes any file the server may write. */
    @Test
    void h2FileWriteIsRefused() throws Exception {
        Path target = fixture.dir().resolve("written-by-velib.txt");
        HttpResponse<String> r = check("parcs", PartnerFixtureText.r2rml("SELECT 1 AS id, 'x' AS nom, CAST(FILE_WRITE('pwned', '" + target
                + "') AS VARCHAR) AS code", "id/parcs/{id}"));
        assertFalse(Files.exists(target), "velib's check wrote " + target + ": " + said(r));
    }

    /** HOLDS: CREATE ALIAS (Java source compiled and run by H2) in front of the SELECT, one rr:sqlQuery. */
    @Test
    void h2CreateAliasRunsNoCode() throws Exception {
        Path target = fixture.dir().resolve("code-run-by-velib.txt");
        String alias = "CREATE ALIAS IF NOT EXISTS PWN AS 'String pwn() throws Exception { java.nio.file.Files.writeString(java.nio.file.Path.of(\"\"" + target
                + "\"\"), \"\"x\"\"); return \"\"x\"\"; }'";
        HttpResponse<String> r = check("parcs", PartnerFixtureText.r2rml("SELECT 1 AS id, 'x' AS nom, 'x' AS code; " + alias + "; CALL PWN()", "id/parcs/{id}"));
        HttpResponse<String> call = check("parcs", PartnerFixtureText.r2rml("SELECT 1 AS id, PWN() AS nom, 'x' AS code", "id/parcs/{id}"));
                assertFalse(Files.exists(target), "velib's check ran Java code on the server: " + said(r) + " / " + said(call));
    }

    /** HOLDS: LINK_SCHEMA / a linked table from the check's database to sncf's embedded database. */
    @Test
    void h2LinkedTablesCannotReachAnotherDatabase() throws Exception {
        String url = fr.regie.pipeline.Sources.embeddedUrl(fixture.dir(), "gares");
        HttpResponse<String> r = check("parcs", PartnerFixtureText.r2rml("SELECT ID, NOM, NOM AS CODE FROM LINK_SCHEMA('L', '', '" + url
                + "', 'sa', '', 'PUBLIC') AS T, L.ITEM", "id/parcs/{id}"));
                assertFalse(r.body().contains(ProbeFilesFixture.SECRET), "sncf's database reached: " + said(r));
    }

    // ---- blowing up ----

    /**
     * WEAKNESS: a self-join of the uploaded mapping file read as a TSV (every line a record, one key
     * for all): n² triples, all emitted between two progress reports (every 10,000 records), so the
     * check does not keep its time limit; the endpoint answers 504 but the check runs on, holding its
     * slot (1 MB gives ~10^10 triples).
     */
    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void aJoinExplosionIsStoppedAtTheTimeLimit() throws Exception {
        int n = 400;
        // Every line is a Turtle comment or ends with a tab and a comment, so the file is also a two-column TSV.
        StringBuilder m = new StringBuilder("#id\tk\n");
        for (int i = 0; i < n; i++) {
            m.append("#").append(i).append("\tk\n");
        }
        for (String line : """
                @prefix rml: <http://w3id.org/rml/> .
                @prefix csvw: <http://www.w3.org/ns/csvw#> .
                @prefix regie: <https://w3id.org/regie#> .
                @prefix schema: <https://schema.org/> .
                <#M> a rml:TriplesMap ;
                  rml:logicalSource [ rml:source [ a csvw:Table ; csvw:url "m1.ttl" ; csvw:dialect [ csvw:delimiter "\\t" ] ] ; rml:referenceFormulation rml:CSV ] ;
                  rml:subjectMap [ rml:template "id/sites/{#id}" ; rml:class regie:Facility ] ;
                  rml:predicateObjectMap [ rml:predicate schema:knows ;
                    rml:objectMap [ rml:parentTriplesMap <#M> ; rml:joinCondition [ rml:child "k" ; rml:parent "k" ] ] ] .
                """.split("\n")) {
            m.append(line).append("\t#\n");
        }
        CheckLimits quick = new CheckLimits(LIMITS.mappingBytes(), LIMITS.sampleBytes(), 4, 2, Duration.ofMillis(500));
        try (TestServer fast = TestServer.start(fixture.context(), List.of(new PartnerFeature(50, Optional.empty(), quick)))) {
            byte[] body = CheckEndpointTest.multipart(new Field("dataset", null, "sites".getBytes(StandardCharsets.UTF_8)),
                    new Field("mapping", "m1.ttl", m.toString().getBytes(StandardCharsets.UTF_8)));
            long t0 = System.nanoTime();
            HttpResponse<String> r = ProbeCheckTest.post(fast, "velib", "k-velib", body);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long held = 0;
            try {
                assertTrue(ms < quick.timeout().toMillis() + 1_000, "the check did not stop itself: " + ms + " ms (limit "
                        + quick.timeout().toMillis() + "): " + said(r));
            } finally {
                // How long the check goes on after its answer (bounded wait, so that the next classes get the CPU back).
                for (long end = System.nanoTime() + 60_000_000_000L; System.nanoTime() < end; held += 500) {
                    HttpResponse<String> again = ProbeCheckTest.post(fast, "velib", "k-velib", CheckEndpointTest.multipart(
                            new Field("dataset", null, "sites".getBytes(StandardCharsets.UTF_8)), new Field("mapping", "m1.ttl", "x".getBytes(StandardCharsets.UTF_8))));
                    if (again.statusCode() != 429) {
                        break;
                    }
                    Thread.sleep(500);
                }
                System.out.println("probe: the exploding check answered after " + ms + " ms and held velib's slot " + held + " ms more");
            }
        }
    }
}
