package fr.regie.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import fr.regie.registry.DatasetSpec;
import fr.regie.registry.Registry;
import fr.regie.r2rml.SourceException;
import fr.regie.store.GraphNames;

/**
 * The registry the refresh benchmark runs: a territory whose reference maps a one-row commune
 * table (the pipeline wants one, accepted before any partner dataset), the partner dataset over
 * the benchmark's items and categories ({@link BenchMapping}), and the same dataset over the
 * first rows only, for warming up. Partner datasets link nothing and have no shapes, so what is
 * measured is the pipeline itself, not SHACL. Mappings are written as files, as a registry wants.
 */
record BenchRegistry(Registry registry, DatasetSpec territory, DatasetSpec items, DatasetSpec warmUp, GraphNames graphs) {
    static final String BASE = "https://bench.example/";
    static final String COMMUNE = BenchData.SCHEMA + ".commune";
    static final String ITEMS = "items";
    static final String WARM_UP = "items-warm-up";

    /**
     * Creates the commune table beside the benchmark tables (so that dropping the schema drops
     * it too) and writes the mappings and the registry under {@code dir}.
     */
    static BenchRegistry write(Path dir, Connection admin, String jdbcUrl, long warmUpRows) {
        try (Statement st = admin.createStatement()) {
            st.execute("CREATE TABLE " + COMMUNE + " (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50) NOT NULL)");
            st.execute("INSERT INTO " + COMMUNE + " VALUES ('75056', 'Paris')");
        } catch (SQLException e) {
            throw new SourceException("benchmark commune table", e);
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("bench-territory.ttl"), """
                    @prefix rr: <http://www.w3.org/ns/r2rml#> .
                    @prefix igeo: <http://rdf.insee.fr/def/geo#> .
                    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                    <#C> rr:logicalTable [ rr:tableName "%s" ] ;
                      rr:subjectMap [ rr:template "id/commune/{code}" ; rr:class igeo:Commune ] ;
                      rr:predicateObjectMap [ rr:predicate igeo:codeINSEE ; rr:objectMap [ rr:column "code" ; rr:datatype xsd:token ] ] ;
                      rr:predicateObjectMap [ rr:predicate igeo:nom ; rr:objectMap [ rr:column "nom" ] ] .
                    """.formatted(COMMUNE));
            Files.writeString(dir.resolve("bench-items.ttl"), BenchMapping.fullTurtle());
            Files.writeString(dir.resolve("bench-items-warm-up.ttl"), BenchMapping.firstRowsTurtle(warmUpRows));
            Path file = dir.resolve("bench-registry.ttl");
            Files.writeString(file, """
                    @prefix regie: <https://w3id.org/regie#> .
                    @prefix dcat: <http://www.w3.org/ns/dcat#> .
                    @prefix dct: <http://purl.org/dc/terms/> .
                    @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                    <#t> a regie:Territory ; dct:title "Bench" ; regie:baseIRI "%s" ; regie:referenceDataset <#territory> .
                    <#p> foaf:name "Bench partner" .
                    <#db> regie:jdbcUrl "%s" .
                    <#territory> a dcat:Dataset ; dct:identifier "territory" ; dct:title "Territory" ; dct:publisher <#p> ;
                      regie:source <#db> ; regie:mapping <bench-territory.ttl> ; regie:linkBy regie:NoLink .
                    <#items> a dcat:Dataset ; dct:identifier "%s" ; dct:title "Items" ; dct:publisher <#p> ;
                      regie:source <#db> ; regie:mapping <bench-items.ttl> ; regie:linkBy regie:NoLink .
                    <#warm> a dcat:Dataset ; dct:identifier "%s" ; dct:title "Items, first rows" ; dct:publisher <#p> ;
                      regie:source <#db> ; regie:mapping <bench-items-warm-up.ttl> ; regie:linkBy regie:NoLink .
                    """.formatted(BASE, jdbcUrl.replace("\\", "\\\\").replace("\"", "\\\""), ITEMS, WARM_UP));
            Registry r = Registry.read(file);
            return new BenchRegistry(r, r.dataset(r.territory().referenceDataset()).orElseThrow(),
                    r.dataset(ITEMS).orElseThrow(), r.dataset(WARM_UP).orElseThrow(), new GraphNames(r.territory().baseIri()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the benchmark registry in " + dir, e);
        }
    }
}
