package fr.regie.pipeline.mirror;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;

import fr.regie.pipeline.RefreshResult;
import fr.regie.pipeline.Refresher;
import fr.regie.pipeline.Scheduler;
import fr.regie.registry.Registry;
import fr.regie.server.ServerContext;
import fr.regie.server.ServerSettings;
import fr.regie.server.access.Access;
import fr.regie.server.ops.AdminFeature;
import fr.regie.server.ops.DatasetsFeature;
import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.testing.TestDb;
import fr.regie.testing.TestServer;

/**
 * Two Régies, each with its store and its real server: the upstream maps a partner's H2 table
 * ({@code lieu}) into dataset {@code lieux} under {@code https://up.example/}; the downstream
 * mirrors it as {@code lieux-93} under {@code https://down.example/} through the upstream's HTTP
 * port, with shapes that require each record's commune to be a commune of the local reference.
 * Both load the same two communes as their territory.
 */
final class MirrorFixture implements AutoCloseable {
    static final String UP = "https://up.example/";
    static final String DOWN = "https://down.example/";
    static final String UP_ID = "lieux";
    static final String DOWN_ID = "lieux-93";
    private static final Map<String, String> ENV = Map.of("ADMIN_KEY", "k-admin");
    /** The reference kinds, written here independently of the code that rewrites them. */
    private static final Pattern REFERENCE = Pattern.compile(
            "<https://up\\.example/id/(commune|commune-deleguee|commune-associee|arrondissement-municipal|arrondissement|departement|region|ept|epci|iris)/");

    /** One Régie: registry, store, refresher and server. */
    static final class Side {
        final Registry registry;
        Store store;
        Refresher refresher;
        ServerContext context;
        TestServer server;

        Side(Registry registry, Store store, Refresher refresher, ServerContext context) {
            this.registry = registry;
            this.store = store;
            this.refresher = refresher;
            this.context = context;
        }
    }

    final Path dir;
    final TestDb db;
    final Side up;
    final Side down;
    final int upPort;

    private MirrorFixture(Path dir, TestDb db, Side up, Side down, int upPort) {
        this.dir = dir;
        this.db = db;
        this.up = up;
        this.down = down;
        this.upPort = upPort;
    }

    static MirrorFixture create(Path dir) throws IOException {
        return create(dir, "1.0");
    }

    /** As above, the mirror's mass-deletion guard at {@code mirrorShare} (the upstream's lets everything through). */
    static MirrorFixture create(Path dir, String mirrorShare) throws IOException {
        return create(dir, mirrorShare, "");
    }

    /** As above, the mirror's dataset declaring {@code more} too (e.g. a regie:within scope). */
    static MirrorFixture create(Path dir, String mirrorShare, String more) throws IOException {
        Files.createDirectories(dir);
        TestDb db = TestDb.create(TestDb.Kind.H2);
        db.execute("CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50))",
                "INSERT INTO commune VALUES ('93066', 'Saint-Denis'), ('93001', 'Aubervilliers')",
                "CREATE TABLE lieu (id INTEGER PRIMARY KEY, nom VARCHAR(60), nom_en VARCHAR(60), nom_de VARCHAR(60), code VARCHAR(5),"
                        + " surface DECIMAL(20,3), mesure DOUBLE, ouvert BOOLEAN, depuis DATE, parent INTEGER)");
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
        Files.writeString(dir.resolve("lieux.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix regie: <https://w3id.org/regie#> .
                @prefix schema: <https://schema.org/> .
                <#L> rr:logicalTable [ rr:tableName "lieu" ] ;
                  rr:subjectMap [ rr:template "id/lieu/{id}" ; rr:class regie:Facility ] ;
                  rr:predicateObjectMap [ rr:predicate schema:name ; rr:objectMap [ rr:column "nom" ; rr:language "fr" ] ] ;
                  rr:predicateObjectMap [ rr:predicate schema:name ; rr:objectMap [ rr:column "nom_en" ; rr:language "en" ] ] ;
                  rr:predicateObjectMap [ rr:predicate schema:name ; rr:objectMap [ rr:column "nom_de" ; rr:language "de-ch" ] ] ;
                  rr:predicateObjectMap [ rr:predicate regie:communeCode ; rr:objectMap [ rr:column "code" ] ] ;
                  rr:predicateObjectMap [ rr:predicate regie:observedFeature ; rr:objectMap [ rr:template "id/commune/{code}" ] ] ;
                  rr:predicateObjectMap [ rr:predicate schema:floorSize ; rr:objectMap [ rr:column "surface" ] ] ;
                  rr:predicateObjectMap [ rr:predicate schema:value ; rr:objectMap [ rr:column "mesure" ] ] ;
                  rr:predicateObjectMap [ rr:predicate schema:isAccessibleForFree ; rr:objectMap [ rr:column "ouvert" ] ] ;
                  rr:predicateObjectMap [ rr:predicate schema:foundingDate ; rr:objectMap [ rr:column "depuis" ] ] ;
                  rr:predicateObjectMap [ rr:predicate schema:containedInPlace ; rr:objectMap [ rr:template "id/lieu/{parent}" ] ] ;
                  rr:predicateObjectMap [ rr:predicate schema:address ; rr:objectMap [ rr:template "adresse-{id}" ; rr:termType rr:BlankNode ] ] .
                <#A> rr:logicalTable [ rr:tableName "lieu" ] ;
                  rr:subjectMap [ rr:template "adresse-{id}" ; rr:termType rr:BlankNode ] ;
                  rr:predicateObjectMap [ rr:predicate schema:postalCode ; rr:objectMap [ rr:column "code" ] ] ;
                  rr:predicateObjectMap [ rr:predicate schema:addressLocality ; rr:objectMap [ rr:column "nom" ; rr:language "fr" ] ] .
                """);
        Files.writeString(dir.resolve("shapes.ttl"), """
                @prefix sh: <http://www.w3.org/ns/shacl#> .
                @prefix regie: <https://w3id.org/regie#> .
                @prefix igeo: <http://rdf.insee.fr/def/geo#> .
                <#Lieu> a sh:NodeShape ; sh:targetClass regie:Facility ;
                  sh:property [ sh:path regie:inCommune ; sh:minCount 1 ; sh:class igeo:Commune ] ;
                  sh:property [ sh:path regie:observedFeature ; sh:class igeo:Commune ] .
                """);
        Side up = side(dir.resolve("up"), registry(dir, "up", UP, db, """
                <#lieux> a dcat:Dataset ; dct:identifier "lieux" ; dct:title "Lieux" ; dct:publisher <#insee> ;
                  regie:source <#db> ; regie:mapping <lieux.ttl> ; regie:linkBy regie:CommuneCode ; regie:maxRemovalShare 1.0 .
                """), db);
        int port = freePort();
        up.server = TestServer.start(context(up, port), List.of(new DatasetsFeature(), new AdminFeature()));
        Side down = side(dir.resolve("down"), registry(dir, "down", DOWN, db, """
                <#mirror> a dcat:Dataset ; dct:identifier "%s" ; dct:title "Lieux (copie)" ; dct:publisher <#insee> ;
                  regie:source [ regie:mirrorOf <http://localhost:%d/datasets/lieux> ; regie:timeout 5 ] ;
                  regie:shapes <shapes.ttl> ; regie:maxRemovalShare %s %s .
                """.formatted(DOWN_ID, port, mirrorShare, more)), db);
        down.server = TestServer.start(context(down, 0), List.of(new DatasetsFeature(), new AdminFeature()));
        return new MirrorFixture(dir, db, up, down, port);
    }

    private static Path registry(Path dir, String name, String base, TestDb db, String dataset) throws IOException {
        Path file = dir.resolve(name + "-registry.ttl");
        Files.writeString(file, """
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                <#t> a regie:Territory ; dct:title "T" ; regie:baseIRI "%s" ; regie:referenceDataset <#territory> ;
                    regie:adminKeyEnv "ADMIN_KEY" .
                <#insee> a foaf:Organization ; foaf:name "INSEE" .
                <#db> regie:jdbcUrl "%s" .
                <#territory> a dcat:Dataset ; dct:identifier "territory" ; dct:title "Territory" ; dct:publisher <#insee> ;
                  regie:source <#db> ; regie:mapping <territory.ttl> ; regie:linkBy regie:NoLink .
                """.formatted(base, db.url()) + dataset);
        return file;
    }

    private static Side side(Path dir, Path registryFile, TestDb db) throws IOException {
        Files.createDirectories(dir);
        Registry reg = Registry.read(registryFile);
        Store store = Store.open(dir.resolve("store"));
        Refresher refresher = new Refresher(reg, store, dir, new Refresher.Options(1, Duration.ofMillis(10), 0));
        RefreshResult t = refresher.refresh(reg.dataset("territory").orElseThrow()).orElseThrow();
        if (t.outcome() != RefreshResult.Outcome.ACCEPTED) {
            throw new IllegalStateException(t.line());
        }
        ServerContext ctx = new ServerContext(reg, store, Access.of(reg, ENV), settings(0), refresher, null, r -> Access.of(r, ENV));
        return new Side(reg, store, refresher, ctx);
    }

    /** Generous request rates: the oracle asks a lot of the upstream from one address. */
    private static ServerSettings settings(int port) {
        return new ServerSettings(port, true, Duration.ofSeconds(30), 10_000, 20_000, 1_000_000, 1_000_000, false, Optional.empty());
    }

    private static ServerContext context(Side s, int port) {
        return new ServerContext(s.registry, s.store, Access.of(s.registry, ENV), settings(port), s.refresher, null, r -> Access.of(r, ENV));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Runs SQL on the upstream partner's database. */
    void sql(String... statements) {
        db.execute(statements);
    }

    /** The upstream's refresh of {@code lieux}, as its scheduler runs it. */
    RefreshResult refreshUp() {
        return up.refresher.refresh(up.registry.dataset(UP_ID).orElseThrow()).orElseThrow();
    }

    /** One scheduled run of the downstream mirror (what its scheduler does at each tick). */
    RefreshResult syncDown() {
        return syncDown(Set.of());
    }

    RefreshResult syncDown(Set<Refresher.Flag> flags) {
        if (flags.isEmpty()) {
            try (Scheduler s = new Scheduler(down.registry, down.refresher, ZoneId.of("Europe/Paris"), 1)) {
                return s.runNow(down.registry.dataset(DOWN_ID).orElseThrow()).orElseThrow();
            }
        }
        return down.refresher.refresh(down.registry.dataset(DOWN_ID).orElseThrow(), flags).orElseThrow();
    }

    /** Stops the upstream's server (its store stays). */
    void stopUp() {
        up.server.close();
    }

    /** Starts the upstream's server again on the same port. */
    void startUp() {
        up.server = TestServer.start(context(up, upPort), List.of(new DatasetsFeature(), new AdminFeature()));
    }

    /** Stops the downstream Régie (server, store) and starts it again on the same store, as after a restart. */
    void restartDown() {
        down.server.close();
        Path storeDir = down.store.dir();
        down.store.close();
        down.store = Store.open(storeDir);
        down.refresher = new Refresher(down.registry, down.store, storeDir.getParent(), new Refresher.Options(1, Duration.ofMillis(10), 0));
        down.context = new ServerContext(down.registry, down.store, Access.of(down.registry, ENV), settings(0), down.refresher, null,
                r -> Access.of(r, ENV));
        down.server = TestServer.start(down.context, List.of(new DatasetsFeature(), new AdminFeature()));
    }

    /** The triples of a dataset's graph in a store now. */
    static Set<Triple> stored(Side s, String id) {
        DatasetGraph dsg = s.store.dataset();
        return Txn.calculateRead(dsg, () -> new HashSet<>(dsg.getGraph(new GraphNames(s.registry.territory().baseIri()).dataset(id)).find().toList()));
    }

    /** A dataset's dump as its server sends it, and the version it names. */
    record Dump(long version, Set<Triple> triples, String text) {}

    static Dump dump(Side s, String id, boolean rewrite) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = s.server.getBytes("/datasets/" + id + "/dump.nq.gz");
        if (r.statusCode() != 200) {
            throw new IllegalStateException("dump of " + id + ": HTTP " + r.statusCode());
        }
        String text;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (rewrite) {
            // The upstream's reference IRIs as the downstream should hold them: plain text, line by line.
            text = REFERENCE.matcher(text).replaceAll("<https://down.example/id/$1/");
        }
        DatasetGraph g = DatasetGraphFactory.create();
        RDFParser.fromString(text, Lang.NQUADS).parse(g);
        Set<Triple> triples = new HashSet<>();
        g.find().forEachRemaining(q -> triples.add(q.asTriple()));
        return new Dump(Long.parseLong(r.headers().firstValue("X-Regie-Version").orElseThrow()), triples, text);
    }

    /** The upstream's dump, its reference IRIs moved to the downstream's base: what the mirror must hold. */
    Set<Triple> expected() throws IOException, InterruptedException {
        return dump(up, UP_ID, true).triples();
    }

    /** Whether two sets of triples are the same graph, blank nodes matched up (each store names them its own way). */
    static boolean same(Set<Triple> a, Set<Triple> b) {
        org.apache.jena.graph.Graph ga = org.apache.jena.sparql.graph.GraphFactory.createGraphMem();
        org.apache.jena.graph.Graph gb = org.apache.jena.sparql.graph.GraphFactory.createGraphMem();
        a.forEach(ga::add);
        b.forEach(gb::add);
        return a.size() == b.size() && ga.isIsomorphicWith(gb);
    }

    /** Deletes one of the upstream's patches (a version the feed then cannot serve: 410). */
    void losePatch(long version) throws IOException {
        Files.delete(patchFile(version));
    }

    Path patchFile(long version) {
        return up.store.layout().dir().resolve("regie/changes/" + UP_ID + "/" + String.format("%08d.rdfp", version));
    }

    @Override
    public void close() {
        up.server.close();
        down.server.close();
        up.store.close();
        down.store.close();
        db.close();
    }
}
