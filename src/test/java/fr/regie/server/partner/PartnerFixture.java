package fr.regie.server.partner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import fr.regie.pipeline.RefreshResult;
import fr.regie.pipeline.Refresher;
import fr.regie.registry.Registry;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.store.Store;
import fr.regie.testing.TestDb;

/**
 * Partners and their datasets in PostgreSQL, refreshed into a real store for a test class:
 * velib publishes {@code stations} (public; one record whose code is no commune, so not placed;
 * refreshed {@link #STATION_VERSIONS} times, one name changed each time), {@code secret}
 * (restricted to velib) and {@code lent} (restricted to sncf: velib's own all the same); sncf
 * publishes {@code gares} (restricted to sncf); idfm publishes nothing. Keys: {@code k-velib},
 * {@code k-sncf}, {@code k-idfm}, the operator {@code k-admin}.
 */
final class PartnerFixture implements BeforeAllCallback, AfterAllCallback {
    static final String BASE = "https://t.example/";
    static final Map<String, String> ENV = Map.of("VELIB_KEY", "k-velib", "SNCF_KEY", "k-sncf", "IDFM_KEY", "k-idfm",
            "ADMIN_KEY", "k-admin");
    static final int STATION_VERSIONS = 8;

    private Path dir;
    private TestDb db;
    private Registry registry;
    private Store store;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("regie-partner-");
        db = TestDb.create(TestDb.Kind.POSTGRESQL);
        db.execute("CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50))",
                "CREATE TABLE item (kind VARCHAR(10), id INTEGER, nom VARCHAR(50), code VARCHAR(5), PRIMARY KEY (kind, id))",
                "INSERT INTO commune VALUES ('93066', 'Saint-Denis'), ('93001', 'Aubervilliers')",
                "INSERT INTO item VALUES ('stations', 1, 'Gare', '93066'), ('stations', 2, 'Mairie', '93001'),"
                        + " ('stations', 3, 'Nulle part', '99999'), ('secret', 1, 'Secret', '93001'), ('lent', 1, 'Prêté', '93066'),"
                        + " ('gares', 1, 'Gare SNCF', '93066')");
        Files.writeString(dir.resolve("territory.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix igeo: <http://rdf.insee.fr/def/geo#> .
                @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                <#C> rr:logicalTable [ rr:tableName "commune" ] ;
                  rr:subjectMap [ rr:template "id/commune/{code}" ; rr:class igeo:Commune ] ;
                  rr:predicateObjectMap [ rr:predicate igeo:codeINSEE ; rr:objectMap [ rr:column "code" ; rr:datatype xsd:token ] ] ;
                  rr:predicateObjectMap [ rr:predicate igeo:nom , rdfs:label ; rr:objectMap [ rr:column "nom" ; rr:language "fr" ] ] .
                """);
        StringBuilder reg = new StringBuilder("""
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                <#t> a regie:Territory ; dct:title "T" ; regie:baseIRI "%s" ; regie:referenceDataset <#territory> ;
                    regie:adminKeyEnv "ADMIN_KEY" .
                <#insee> a foaf:Organization ; foaf:name "INSEE" .
                <#velib> a foaf:Organization ; foaf:name "Vélib' <Métropole>" ; regie:apiKeyEnv "VELIB_KEY" .
                <#sncf> a foaf:Organization ; foaf:name "SNCF" ; regie:apiKeyEnv "SNCF_KEY" .
                <#idfm> a foaf:Organization ; foaf:name "IDFM" ; regie:apiKeyEnv "IDFM_KEY" .
                <#db> regie:jdbcUrl "%s" .
                <#territory> a dcat:Dataset ; dct:identifier "territory" ; dct:title "Territory" ; dct:publisher <#insee> ;
                  regie:source <#db> ; regie:mapping <territory.ttl> ; regie:linkBy regie:NoLink .
                """.formatted(BASE, db.url()));
        for (String[] ds : new String[][] {{"stations", "velib", "regie:Public"}, {"secret", "velib", "regie:Restricted ; regie:accessPartner <#velib>"},
                {"lent", "velib", "regie:Restricted ; regie:accessPartner <#sncf>"}, {"gares", "sncf", "regie:Restricted ; regie:accessPartner <#sncf>"}}) {
            Files.writeString(dir.resolve(ds[0] + ".ttl"), """
                    @prefix rr: <http://www.w3.org/ns/r2rml#> .
                    @prefix regie: <https://w3id.org/regie#> .
                    @prefix schema: <https://schema.org/> .
                    <#M> rr:logicalTable [ rr:sqlQuery "SELECT id, nom, code FROM item WHERE kind = '%1$s'" ] ;
                      rr:subjectMap [ rr:template "id/%1$s/{id}" ; rr:class regie:Facility ] ;
                      rr:predicateObjectMap [ rr:predicate schema:name ; rr:objectMap [ rr:column "nom" ] ] ;
                      rr:predicateObjectMap [ rr:predicate regie:communeCode ; rr:objectMap [ rr:column "code" ] ] .
                    """.formatted(ds[0]));
            reg.append("""
                    <#%1$s> a dcat:Dataset ; dct:identifier "%1$s" ; dct:title "Title of %1$s" ; dct:publisher <#%2$s> ;
                      regie:source <#db> ; regie:mapping <%1$s.ttl> ; regie:linkBy regie:CommuneCode ; regie:accessLevel %3$s .
                    """.formatted(ds[0], ds[1], ds[2]));
        }
        Files.writeString(dir.resolve("registry.ttl"), reg.toString());
        registry = Registry.read(dir.resolve("registry.ttl"));
        store = Store.open(dir.resolve("store"));
        Refresher r = new Refresher(registry, store, dir, new Refresher.Options(0, Duration.ofMillis(1), 0));
        for (String id : List.of("territory", "stations", "secret", "lent", "gares")) {
            refresh(r, id);
        }
        for (int v = 2; v <= STATION_VERSIONS; v++) {
            db.execute("UPDATE item SET nom = 'Gare " + v + "' WHERE kind = 'stations' AND id = 1");
            refresh(r, "stations");
        }
    }

    private void refresh(Refresher r, String id) {
        RefreshResult res = r.refresh(registry.dataset(id).orElseThrow()).orElseThrow();
        if (res.outcome() != RefreshResult.Outcome.ACCEPTED) {
            throw new IllegalStateException(res.line());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (store != null) {
            store.close();
        }
        if (db != null) {
            db.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    Registry registry() {
        return registry;
    }

    Store store() {
        return store;
    }

    Path dir() {
        return dir;
    }

    ServerContext context(ServerSettings settings) {
        return new ServerContext(registry, store, Access.of(registry, ENV), settings, null, null, r -> Access.of(r, ENV));
    }
}
