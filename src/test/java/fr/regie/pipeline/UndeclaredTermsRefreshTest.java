package fr.regie.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.store.Store;
import fr.regie.testing.TestDb;

/**
 * A partner's invented term, through the refresh and the check: the refresh accepts the data and
 * says which terms no ontology declares (recorded with the run); the check lists them, and fails
 * in strict mode; once the partner declares the term in a vocabulary file, it is declared, and
 * its datatype shape judges the values.
 */
class UndeclaredTermsRefreshTest {
    private static final String SEATS = "https://w3id.org/regie/partner/p#seatCount";
    @TempDir
    Path dir;
    private TestDb db;

    @BeforeEach
    void source() throws Exception {
        db = TestDb.create(TestDb.Kind.H2);
        db.execute(RefreshFixture.SCHEMA_COMMUNE, RefreshFixture.SCHEMA_STATION,
                "INSERT INTO commune VALUES ('93066', 'Saint-Denis')",
                "INSERT INTO station VALUES (1, 'Stade de France', '93066', 20), (2, 'Pleyel', '93066', 12)");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    /** The fixture's stations, with one more property in the partner's namespace; {@code vocabulary} declares it or not. */
    private Registry registry(boolean vocabulary) throws Exception {
        Path reg = RefreshFixture.write(dir, db.url());
        String mapping = Files.readString(dir.resolve("stations.ttl")).replace(
                "rr:predicateObjectMap [ rr:predicate regie:dockCount ;",
                "rr:predicateObjectMap [ rr:predicate <" + SEATS + "> ; rr:objectMap [ rr:column \"places\" ] ] ;\n"
                        + "  rr:predicateObjectMap [ rr:predicate regie:dockCount ;");
        Files.writeString(dir.resolve("stations.ttl"), mapping);
        if (vocabulary) {
            Files.writeString(dir.resolve("vocabulary.ttl"), """
                    @prefix p: <https://w3id.org/regie/partner/p#> .
                    @prefix regie: <https://w3id.org/regie#> .
                    @prefix owl: <http://www.w3.org/2002/07/owl#> .
                    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                    p:seatCount a owl:DatatypeProperty ; rdfs:range xsd:string ;
                        rdfs:label "places assises"@fr , "seats"@en .
                    """);
            Files.writeString(reg, Files.readString(reg).replace("regie:mapping <stations.ttl> ;",
                    "regie:mapping <stations.ttl> ; regie:vocabulary <vocabulary.ttl> ;"));
        }
        return Registry.read(reg);
    }

    @Test
    void anInventedTermIsReportedByTheRefreshAndTheCheck() throws Exception {
        Registry reg = registry(false);
        DatasetSpec stations = reg.dataset("stations").orElseThrow();
        try (Store store = Store.open(dir.resolve("store"))) {
            Refresher r = new Refresher(reg, store, dir, new Refresher.Options(0, Duration.ofMillis(1), 0));
            assertEquals(RefreshResult.Outcome.ACCEPTED, r.refresh(reg.dataset("territory").orElseThrow()).orElseThrow().outcome());
            CheckReport lenient = new Check(reg, store, dir).run(CheckRequest.of(stations));
            assertEquals(List.of(SEATS), lenient.undeclaredTerms());
            assertTrue(lenient.ok(), lenient.errors().toString());
            CheckReport strict = new Check(reg, store, dir).run(new CheckRequest(stations, Optional.empty(), Optional.empty(),
                    OptionalLong.empty(), true, Duration.ofMinutes(1)));
            assertFalse(strict.ok());
            assertTrue(strict.errors().get(0).contains(SEATS), strict.errors().toString());
            RefreshResult done = r.refresh(stations).orElseThrow();
            assertEquals(RefreshResult.Outcome.ACCEPTED, done.outcome(), done.line());
            assertTrue(done.message().contains(SEATS), done.message());
        }
    }

    @Test
    void aDeclaredTermIsDeclaredAndItsDatatypeShapeJudges() throws Exception {
        Registry reg = registry(true);
        DatasetSpec stations = reg.dataset("stations").orElseThrow();
        try (Store store = Store.open(dir.resolve("store"))) {
            Refresher r = new Refresher(reg, store, dir, new Refresher.Options(0, Duration.ofMillis(1), 0));
            r.refresh(reg.dataset("territory").orElseThrow()).orElseThrow();
            CheckReport c = new Check(reg, store, dir).run(CheckRequest.of(stations));
            assertEquals(List.of(), c.undeclaredTerms());
            // The column is an integer and the vocabulary says xsd:string: the generated shape refuses both values.
            assertEquals(2, c.violations(), c.shaclExamples().toString());
            RefreshResult done = r.refresh(stations).orElseThrow();
            assertEquals(RefreshResult.Outcome.REJECTED, done.outcome(), done.line());
        }
    }
}
