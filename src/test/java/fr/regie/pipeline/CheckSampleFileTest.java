package fr.regie.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.store.Store;
import fr.regie.testing.TestDb;

/**
 * A check given one file instead of the declared one (a partner's sample): for a dataset read
 * from a CSV file with RML, the file stands for the declared one whatever its name, and the
 * report counts exactly its rows and the records it places, computed here from the generated
 * rows; nothing live changes. A file that names none of several declared files is refused, naming them.
 */
class CheckSampleFileTest {
    @TempDir
    Path dir;
    private TestDb db;

    @BeforeEach
    void source() throws Exception {
        db = TestDb.create(TestDb.Kind.H2);
        db.execute(RefreshFixture.SCHEMA_COMMUNE, RefreshFixture.SCHEMA_STATION,
                "INSERT INTO commune VALUES ('93066', 'Saint-Denis'), ('93001', 'Aubervilliers')");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private Registry registry() throws Exception {
        Path reg = RefreshFixture.write(dir, db.url());
        Files.writeString(dir.resolve("sites.csv"), "id;nom;code\n1;Mairie;93066\n");
        Files.writeString(dir.resolve("sites.ttl"), """
                @prefix rml: <http://w3id.org/rml/> .
                @prefix regie: <https://w3id.org/regie#> .
                @prefix schema: <https://schema.org/> .
                <#S> rml:logicalSource [ rml:source "sites.csv" ; rml:referenceFormulation rml:CSV ] ;
                  rml:subjectMap [ rml:template "id/site/{id}" ; rml:class regie:PublicServiceSite ] ;
                  rml:predicateObjectMap [ rml:predicate schema:name ; rml:objectMap [ rml:reference "nom" ] ] ;
                  rml:predicateObjectMap [ rml:predicate regie:communeCode ; rml:objectMap [ rml:reference "code" ] ] .
                """);
        Files.writeString(reg, Files.readString(reg) + """
                <#sites> a dcat:Dataset ; dct:identifier "sites" ; dct:title "Sites" ; dct:publisher <#p> ;
                  regie:source [ regie:file <sites.csv> ; regie:delimiter ";" ] ;
                  regie:mapping <sites.ttl> ; regie:linkBy regie:CommuneCode ; regie:maxRemovalShare "1"^^xsd:decimal .
                """);
        return Registry.read(reg);
    }

    @Test
    void aSampleFileStandsForTheDeclaredOne() throws Exception {
        Registry reg = registry();
        DatasetSpec sites = reg.dataset("sites").orElseThrow();
        Random r = new Random(11);
        String[] codes = {"93066", "93001", "93059", "99999"};
        StringBuilder csv = new StringBuilder("id;nom;code\n");
        int rows = 20 + r.nextInt(30);
        long placed = 0;
        for (int i = 1; i <= rows; i++) {
            String code = codes[r.nextInt(codes.length)];
            placed += code.equals("93066") || code.equals("93001") ? 1 : 0;
            csv.append(i).append(";site ").append(i).append(';').append(code).append('\n');
        }
        Path sample = Files.writeString(dir.resolve("my-sample.csv"), csv);
        try (Store store = Store.open(dir.resolve("store"))) {
            Refresher refresher = new Refresher(reg, store, dir, new Refresher.Options(0, Duration.ofMillis(1), 0));
            refresher.refresh(reg.dataset("territory").orElseThrow()).orElseThrow();
            assertEquals(RefreshResult.Outcome.ACCEPTED, refresher.refresh(sites).orElseThrow().outcome());
            var before = RefreshFixture.graph(store, "sites");
            CheckReport c = new Check(reg, store, dir).run(new CheckRequest(sites, Optional.empty(), Optional.of(sample), OptionalLong.empty(),
                    false, Duration.ofMinutes(1)));
            assertEquals(List.of(), c.errors());
            assertEquals(rows, c.rows());
            assertEquals(placed, c.linkedDirect());
            assertEquals(rows - placed, c.notPlaced() + c.linkedThroughHistory());
            assertEquals(before, RefreshFixture.graph(store, "sites"), "a check changes nothing live");
            assertTrue(c.sourceNotes().values().stream().anyMatch(v -> v.contains("my-sample.csv")), c.sourceNotes().toString());
        }
    }
}
