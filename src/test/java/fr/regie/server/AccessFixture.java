package fr.regie.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import fr.regie.pipeline.RefreshResult;
import fr.regie.pipeline.Refresher;
import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.server.access.Access;
import fr.regie.store.Store;
import fr.regie.testing.TestDb;

/**
 * A small territory with one dataset per access level, in PostgreSQL, refreshed into a store:
 * {@code stations} (public), {@code shared} (partners), {@code secret} (restricted to the partner
 * velib). Keys: velib {@code k-velib}, sncf {@code k-sncf}, the operator {@code k-admin}.
 */
public final class AccessFixture implements AutoCloseable {
    public static final String BASE = "https://t.example/";
    public static final Map<String, String> ENV = Map.of("VELIB_KEY", "k-velib", "SNCF_KEY", "k-sncf", "ADMIN_KEY", "k-admin");

    private final TestDb db;
    private final Registry registry;
    private final Store store;

    private AccessFixture(TestDb db, Registry registry, Store store) {
        this.db = db;
        this.registry = registry;
        this.store = store;
    }

    public static AccessFixture create(Path dir) throws IOException {
        TestDb db = TestDb.create(TestDb.Kind.POSTGRESQL);
        db.execute("CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50))",
                "CREATE TABLE item (kind VARCHAR(10), id INTEGER, nom VARCHAR(50), code VARCHAR(5), PRIMARY KEY (kind, id))",
                "INSERT INTO commune VALUES ('93066', 'Saint-Denis'), ('93001', 'Aubervilliers')",
                "INSERT INTO item VALUES ('stations', 1, 'Gare', '93066'), ('stations', 2, 'Mairie', '93001'),"
                        + " ('shared', 1, 'Partagé', '93066'), ('secret', 1, 'Secret', '93001')");
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
                <#velib> a foaf:Organization ; foaf:name "Vélib'" ; regie:apiKeyEnv "VELIB_KEY" .
                <#sncf> a foaf:Organization ; foaf:name "SNCF" ; regie:apiKeyEnv "SNCF_KEY" .
                <#db> regie:jdbcUrl "%s" .
                <#territory> a dcat:Dataset ; dct:identifier "territory" ; dct:title "Territory" ; dct:publisher <#insee> ;
                  regie:source <#db> ; regie:mapping <territory.ttl> ; regie:linkBy regie:NoLink .
                """.formatted(BASE, db.url()));
        for (String[] ds : new String[][] {{"stations", "regie:Public"}, {"shared", "regie:Partners"},
                {"secret", "regie:Restricted ; regie:accessPartner <#velib>"}}) {
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
                    <#%1$s> a dcat:Dataset ; dct:identifier "%1$s" ; dct:title "%1$s" ; dct:publisher <#velib> ;
                      regie:source <#db> ; regie:mapping <%1$s.ttl> ; regie:linkBy regie:CommuneCode ; regie:accessLevel %2$s .
                    """.formatted(ds[0], ds[1]));
        }
        Path file = dir.resolve("registry.ttl");
        Files.writeString(file, reg.toString());
        Registry registry = Registry.read(file);
        Store store = Store.open(dir.resolve("store"));
        Refresher r = new Refresher(registry, store, dir, new Refresher.Options(0, Duration.ofMillis(1), 0));
        for (var spec : java.util.List.of("territory", "stations", "shared", "secret")) {
            RefreshResult res = r.refresh(registry.dataset(spec).orElseThrow()).orElseThrow();
            if (res.outcome() != RefreshResult.Outcome.ACCEPTED) {
                throw new IllegalStateException(res.line());
            }
        }
        return new AccessFixture(db, registry, store);
    }

    public Registry registry() {
        return registry;
    }

    public Store store() {
        return store;
    }

    public ServerContext context(ServerSettings settings) {
        return new ServerContext(registry, store, Access.of(registry, ENV), settings, null, null);
    }

    @Override
    public void close() {
        store.close();
        db.close();
    }

    /**
     * Who may read a dataset, from its declaration alone: the independent model the tests of what
     * each caller sees compare pages and answers with (the reference dataset is everyone's, the
     * operator reads all).
     */
    public static boolean declaredVisible(DatasetSpec d, String partner, boolean admin, String reference) {
        if (admin || d.id().equals(reference)) {
            return true;
        }
        return switch (d.accessLevel()) {
            case PUBLIC -> true;
            case PARTNERS -> partner != null;
            case RESTRICTED -> partner != null && d.accessPartners().contains(partner);
        };
    }
}
