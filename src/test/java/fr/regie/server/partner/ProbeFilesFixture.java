package fr.regie.server.partner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
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

/**
 * Partners whose sources live on the server, refreshed into a real store: velib publishes
 * {@code sites} (a CSV file, mapped with RML) and {@code parcs} (an embedded H2 database rebuilt
 * from its folder); sncf publishes {@code gares} (an embedded database from the folder
 * {@code sncf/}, restricted to sncf), whose only row is named {@link #SECRET}. Keys as in
 * {@link PartnerFixture#ENV}.
 */
final class ProbeFilesFixture implements BeforeAllCallback, AfterAllCallback {
    static final String SECRET = "Gare-secrete-SNCF";

    private Path dir;
    private Registry registry;
    private Store store;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("regie-probe-");
        folder("territory", "CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50));", "commune", "code,nom\n93066,Saint-Denis\n93001,Aubervilliers\n");
        folder("velib-db", "CREATE TABLE item (id INTEGER PRIMARY KEY, nom VARCHAR(50), code VARCHAR(5));", "item", "id,nom,code\n1,Parc,93066\n");
        folder("sncf", "CREATE TABLE item (id INTEGER PRIMARY KEY, nom VARCHAR(50), code VARCHAR(5));", "item", "id,nom,code\n1," + SECRET + ",93001\n");
        Files.createDirectories(dir.resolve("velib"));
        Files.writeString(dir.resolve("velib/sites.csv"), "id,nom,code\n1,Site,93066\n2,Ailleurs,99999\n");
        Files.writeString(dir.resolve("territory.ttl"), PartnerFixtureText.TERRITORY);
        for (String ds : List.of("parcs", "gares")) {
            Files.writeString(dir.resolve(ds + ".ttl"), PartnerFixtureText.r2rml("SELECT id, nom, code FROM item", "id/" + ds + "/{id}"));
        }
        Files.writeString(dir.resolve("sites.ttl"), PartnerFixtureText.rml("[ rml:source \"sites.csv\" ; rml:referenceFormulation rml:CSV ]", "id/sites/{id}", "nom", "code"));
        Files.writeString(dir.resolve("registry.ttl"), """
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                <#t> a regie:Territory ; dct:title "T" ; regie:baseIRI "%s" ; regie:referenceDataset <#territory> ;
                    regie:adminKeyEnv "ADMIN_KEY" .
                <#insee> a foaf:Organization ; foaf:name "INSEE" .
                <#velib> a foaf:Organization ; foaf:name "Velib" ; regie:apiKeyEnv "VELIB_KEY" .
                <#sncf> a foaf:Organization ; foaf:name "SNCF" ; regie:apiKeyEnv "SNCF_KEY" .
                <#territory> a dcat:Dataset ; dct:identifier "territory" ; dct:title "Territory" ; dct:publisher <#insee> ;
                  regie:source [ regie:embeddedDatabase "territory" ; regie:loadFrom <territory/> ] ; regie:mapping <territory.ttl> ; regie:linkBy regie:NoLink .
                <#sites> a dcat:Dataset ; dct:identifier "sites" ; dct:title "Sites" ; dct:publisher <#velib> ;
                  regie:source [ regie:file <velib/sites.csv> ] ; regie:mapping <sites.ttl> ; regie:linkBy regie:CommuneCode ; regie:accessLevel regie:Public .
                <#parcs> a dcat:Dataset ; dct:identifier "parcs" ; dct:title "Parcs" ; dct:publisher <#velib> ;
                  regie:source [ regie:embeddedDatabase "parcs" ; regie:loadFrom <velib-db/> ] ; regie:mapping <parcs.ttl> ;
                  regie:linkBy regie:CommuneCode ; regie:accessLevel regie:Public .
                <#gares> a dcat:Dataset ; dct:identifier "gares" ; dct:title "Gares" ; dct:publisher <#sncf> ;
                  regie:source [ regie:embeddedDatabase "gares" ; regie:loadFrom <sncf/> ] ; regie:mapping <gares.ttl> ;
                  regie:linkBy regie:CommuneCode ; regie:accessLevel regie:Restricted ; regie:accessPartner <#sncf> .
                """.formatted(PartnerFixture.BASE));
        registry = Registry.read(dir.resolve("registry.ttl"));
        store = Store.open(dir.resolve("store"));
        Refresher r = new Refresher(registry, store, dir, new Refresher.Options(0, Duration.ofMillis(1), 0));
        for (String id : List.of("territory", "sites", "parcs", "gares")) {
            fr.regie.registry.Source src = registry.dataset(id).orElseThrow().source();
            if (src.embeddedName().isPresent()) {
                fr.regie.pipeline.Sources.rebuildEmbedded(src, dir);
            }
            RefreshResult res = r.refresh(registry.dataset(id).orElseThrow()).orElseThrow();
            if (res.outcome() != RefreshResult.Outcome.ACCEPTED) {
                throw new IllegalStateException(res.line());
            }
        }
    }

    private void folder(String name, String schema, String table, String csv) throws IOException {
        Files.createDirectories(dir.resolve(name).resolve("data"));
        Files.writeString(dir.resolve(name).resolve("schema.sql"), schema + "\n");
        Files.writeString(dir.resolve(name).resolve("data").resolve(table + ".csv"), csv);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (store != null) {
            store.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    Path dir() {
        return dir;
    }

    ServerContext context() {
        return new ServerContext(registry, store, Access.of(registry, PartnerFixture.ENV), ServerSettings.defaults(0), null, null,
                r -> Access.of(r, PartnerFixture.ENV));
    }
}
