package fr.regie.server.partner;

/** Mapping texts of the probe's fixtures: the territory, an R2RML and an RML mapping of {@code id, nom, code} records. */
final class PartnerFixtureText {
    private PartnerFixtureText() {}

    static final String TERRITORY = """
            @prefix rr: <http://www.w3.org/ns/r2rml#> .
            @prefix igeo: <http://rdf.insee.fr/def/geo#> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            <#C> rr:logicalTable [ rr:tableName "COMMUNE" ] ;
              rr:subjectMap [ rr:template "id/commune/{CODE}" ; rr:class igeo:Commune ] ;
              rr:predicateObjectMap [ rr:predicate igeo:codeINSEE ; rr:objectMap [ rr:column "CODE" ; rr:datatype xsd:token ] ] ;
              rr:predicateObjectMap [ rr:predicate igeo:nom , rdfs:label ; rr:objectMap [ rr:column "NOM" ; rr:language "fr" ] ] .
            """;

    /** R2RML over {@code sql} (columns id, nom, code), subjects {@code template}. */
    static String r2rml(String sql, String template) {
        return """
                @prefix rr: <http://www.w3.org/ns/r2rml#> .
                @prefix regie: <https://w3id.org/regie#> .
                @prefix schema: <https://schema.org/> .
                <#M> rr:logicalTable [ rr:sqlQuery \"""%s\""" ] ;
                  rr:subjectMap [ rr:template "%s" ; rr:class regie:Facility ] ;
                  rr:predicateObjectMap [ rr:predicate schema:name ; rr:objectMap [ rr:column "nom" ] ] ;
                  rr:predicateObjectMap [ rr:predicate regie:communeCode ; rr:objectMap [ rr:column "code" ] ] .
                """.formatted(sql, template);
    }

    /** RML over the logical source {@code source} (Turtle), subjects {@code template}, name and commune code from two references. */
    static String rml(String source, String template, String name, String code) {
        return """
                @prefix rml: <http://w3id.org/rml/> .
                @prefix regie: <https://w3id.org/regie#> .
                @prefix schema: <https://schema.org/> .
                <#M> a rml:TriplesMap ; rml:logicalSource %s ;
                  rml:subjectMap [ rml:template "%s" ; rml:class regie:Facility ] ;
                  rml:predicateObjectMap [ rml:predicate schema:name ; rml:objectMap [ rml:reference "%s" ] ] ;
                  rml:predicateObjectMap [ rml:predicate regie:communeCode ; rml:objectMap [ rml:reference "%s" ] ] .
                """.formatted(source, template, name, code);
    }
}
