package fr.regie.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;

import fr.regie.store.GraphNames;
import fr.regie.store.Store;
import fr.regie.registry.Territory;

/**
 * A small territory for refresh tests: a registry whose reference dataset maps a commune table
 * and whose partner dataset maps a station table, both in one database given by JDBC URL.
 */
final class RefreshFixture {
    static final String BASE = "https://t.example/";

    private RefreshFixture() {}

    static final String SCHEMA_COMMUNE = "CREATE TABLE commune (code VARCHAR(5) PRIMARY KEY, nom VARCHAR(50))";
    static final String SCHEMA_STATION = "CREATE TABLE station (id INTEGER PRIMARY KEY, nom VARCHAR(50), code VARCHAR(5), places INTEGER)";

    /**
     * Writes mappings, shapes and a registry under {@code dir}; returns the registry file. The
     * stations are few, so one station deleted is a quarter of them: their mass-deletion guard
     * is set at half the graph.
     */
    static Path write(Path dir, String jdbcUrl) throws IOException {
        Files.writeString(dir.resolve("territory.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix igeo: <http://rdf.insee.fr/def/geo#> .
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                <#C> rr:logicalTable [ rr:tableName "commune" ] ;
                  rr:subjectMap [ rr:template "id/commune/{code}" ; rr:class igeo:Commune ] ;
                  rr:predicateObjectMap [ rr:predicate igeo:codeINSEE ; rr:objectMap [ rr:column "code" ; rr:datatype xsd:token ] ] ;
                  rr:predicateObjectMap [ rr:predicate igeo:nom ; rr:objectMap [ rr:column "nom" ] ] .
                """);
        Files.writeString(dir.resolve("stations.ttl"), """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix regie: <https://w3id.org/regie#> .
                @prefix schema: <https://schema.org/> .
                <#S> rr:logicalTable [ rr:tableName "station" ] ;
                  rr:subjectMap [ rr:template "id/station/{id}" ; rr:class regie:BikeShareStation ] ;
                  rr:predicateObjectMap [ rr:predicate schema:name ; rr:objectMap [ rr:column "nom" ] ] ;
                  rr:predicateObjectMap [ rr:predicate regie:communeCode ; rr:objectMap [ rr:column "code" ] ] ;
                  rr:predicateObjectMap [ rr:predicate regie:dockCount ; rr:objectMap [ rr:column "places" ] ] .
                """);
        Files.writeString(dir.resolve("shapes.ttl"), """
                @prefix sh: <http://www.w3.org/ns/shacl#> .
                @prefix regie: <https://w3id.org/regie#> .
                @prefix igeo: <http://rdf.insee.fr/def/geo#> .
                <#Station> a sh:NodeShape ; sh:targetClass regie:BikeShareStation ;
                  sh:property [ sh:path regie:dockCount ; sh:minCount 1 ; sh:minInclusive 0 ] ;
                  sh:property [ sh:path regie:inCommune ; sh:class igeo:Commune ; sh:minCount 1 ; sh:severity sh:Warning ] .
                """);
        Path registry = dir.resolve("registry.ttl");
        Files.writeString(registry, """
                @prefix regie: <https://w3id.org/regie#> .
                @prefix dcat: <http://www.w3.org/ns/dcat#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                @prefix foaf: <http://xmlns.com/foaf/0.1/> .
                @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
                <#t> a regie:Territory ; dct:title "T" ; regie:baseIRI "%s" ; regie:referenceDataset <#territory> .
                <#p> foaf:name "P" .
                <#db> regie:jdbcUrl "%s" .
                <#territory> a dcat:Dataset ; dct:identifier "territory" ; dct:title "Territory" ; dct:publisher <#p> ;
                  regie:source <#db> ; regie:mapping <territory.ttl> ; regie:linkBy regie:NoLink .
                <#stations> a dcat:Dataset ; dct:identifier "stations" ; dct:title "Stations" ; dct:publisher <#p> ;
                  regie:source <#db> ; regie:mapping <stations.ttl> ; regie:shapes <shapes.ttl> ;
                  regie:maxRemovalShare "0.5"^^xsd:decimal ; regie:linkBy regie:CommuneCode .
                """.formatted(BASE, jdbcUrl.replace("\\", "\\\\").replace("\"", "\\\"")));
        return registry;
    }

    /** The triples of a dataset's graph. */
    static Set<Triple> graph(Store store, String dataset) {
        DatasetGraph dsg = store.dataset();
        Node g = new GraphNames(BASE).dataset(dataset);
        return Txn.calculateRead(dsg, () -> {
            Set<Triple> out = new HashSet<>();
            dsg.getGraph(g).find().forEachRemaining(out::add);
            return out;
        });
    }
}
